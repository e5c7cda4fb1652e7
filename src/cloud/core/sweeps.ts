import type { Repos } from '../storage/repos'

/**
 * Scheduled work, run by the timer-triggered `sweep` function (and by hand through the areas'
 * admin actions). Each returns how many records it changed. An area adds its sweep here.
 * Survey SLA overdue flags need none: they are computed from `createdAt` when alerts are read.
 */
export const SWEEPS: Record<string, (repos: Repos, now: Date) => Promise<number>> = {
  closedShifts: (repos, now) => repos.volunteer.closeOverdueShifts(now, null),
}

/** The timer triggers `build:cloud` writes into the sweep function's config.json (WeChat cron: s m h d M w y). */
export const SWEEP_TRIGGERS = [{ name: 'everyFiveMinutes', type: 'timer', config: '0 */5 * * * * *' }]
