import type { SystemCtx } from './core/context'
import { remindComplaints } from './domain/feedback/items'
import { closeExpired } from './domain/feedback/workflow'
import { freezeOpenedAudiences } from './domain/study/audience'
import { eraseOldContacts, remindOverdueAlerts } from './domain/survey/alerts'
import { backfillUntagged, retagStale } from './domain/voice/write-time'
import { closeOverdueShifts, remindEscalated } from './domain/volunteer/handlers'
import { DAY_MS } from '../contract/month'

const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS)

/** A retry a week late still gets its first answer; rate windows last a day at most. */
const pruneStale = (ctx: SystemCtx) =>
  ctx.repos.platform.prune({ requests: daysBefore(ctx.now, 7), rateWindows: daysBefore(ctx.now, 2) })

/**
 * Scheduled work, run by the timer-triggered `sweep` function in WeChat and on the local host's
 * timer. Each returns how many records it changed or people it told; reminders are queued once per
 * occasion, so a sweep may run any number of times. Overdue and escalated flags themselves need no
 * sweep: they are computed from the records' times whenever they are read.
 */
export const SWEEPS: Record<string, (ctx: SystemCtx) => Promise<number>> = {
  closedShifts: closeOverdueShifts,
  closedComplaints: closeExpired,
  overdueComplaintReminders: remindComplaints,
  overdueAlertReminders: remindOverdueAlerts,
  erasedCallBackNumbers: eraseOldContacts,
  escalatedRequestReminders: remindEscalated,
  prunedRecords: pruneStale,
  retaggedTexts: retagStale,
  backfilledTexts: backfillUntagged,
  rolledUpSurveyCounters: (ctx) => ctx.repos.survey.rollUpCounters(),
  rolledUpStaffSurveyCounts: (ctx) => ctx.repos.staffSurvey.rollUpCounts(),
  frozenStudyAudiences: (ctx) => freezeOpenedAudiences(ctx),
}

export const SWEEP_INTERVAL_MINUTES = 5

/** The timer triggers `build:cloud` writes into the sweep function's config.json (WeChat cron: s m h d M w y). */
export const SWEEP_TRIGGERS = [
  { name: 'everyFiveMinutes', type: 'timer', config: `0 */${SWEEP_INTERVAL_MINUTES} * * * * *` },
]

export interface SweepRun {
  sweeps: Record<string, number>
  failed: string[]
}

/** Runs every sweep in turn; one failing sweep is logged and does not stop the others. */
export async function runSweeps(ctx: SystemCtx): Promise<SweepRun> {
  const run: SweepRun = { sweeps: {}, failed: [] }
  for (const [name, sweep] of Object.entries(SWEEPS)) {
    try {
      run.sweeps[name] = await sweep(ctx)
    } catch (error) {
      ctx.log.error({ err: error, sweep: name }, 'sweep failed')
      run.failed.push(name)
    }
  }
  return run
}
