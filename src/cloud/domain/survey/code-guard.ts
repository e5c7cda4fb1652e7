import { AppError, invalid } from '../../core/app-error'
import type { Ctx } from '../../core/context'
import { audit, rateWindow } from '../../core/effects'

/** Wrong codes one caller may hand in per minute; the next attempt, right or wrong, waits. */
export const WRONG_CODES_PER_MINUTE = 10
/** While the hospital as a whole sees a burst of wrong codes, each caller gets this many. */
export const WRONG_CODES_PER_MINUTE_UNDER_ATTACK = 3
/** Wrong codes across every caller in one minute that count as a burst: far above honest typos. */
export const HOSPITAL_WRONG_CODE_BURST = 100

const WINDOW_SECONDS = 60
const CALLER_BUCKET = 'survey.wrongCode'
const HOSPITAL_BUCKET = 'survey.wrongCode.hospital'

type Count = (key: string, windowStart: Date) => Promise<number>

/** Wrong codes so far this minute, the caller's and the whole hospital's, read or counted by `count`. */
async function wrongCodes(ctx: Ctx, count: Count) {
  const mine = rateWindow(ctx, CALLER_BUCKET, WINDOW_SECONDS)
  // One shared bucket: the same key whoever calls.
  const hospitalKey = `${HOSPITAL_BUCKET}/${WINDOW_SECONDS}s`
  const [caller, hospital] = await Promise.all([
    count(mine.key, mine.windowStart),
    count(hospitalKey, mine.windowStart),
  ])
  return { caller, hospital, windowStart: mine.windowStart }
}

const limitFor = (hospitalWrong: number) =>
  hospitalWrong >= HOSPITAL_WRONG_CODE_BURST ? WRONG_CODES_PER_MINUTE_UNDER_ATTACK : WRONG_CODES_PER_MINUTE

/**
 * Refuses a caller who has used up their wrong guesses before their code is even looked at:
 * otherwise a guesser would still learn which of their guesses were right.
 */
export async function refuseWhileGuessing(ctx: Ctx): Promise<void> {
  const platform = ctx.repos.platform
  const wrong = await wrongCodes(ctx, (key, at) => platform.rateHits(key, at))
  if (wrong.caller >= limitFor(wrong.hospital)) throw new AppError('RATE_LIMITED', '尝试次数过多，请1分钟后再试')
}

/** Counts a wrong code against the caller and the hospital, and refuses it. */
export async function refuseWrongCode(ctx: Ctx): Promise<never> {
  const platform = ctx.repos.platform
  const wrong = await wrongCodes(ctx, (key, at) => platform.hitRateLimit(key, at))
  // The hit that reaches the burst is counted exactly once, so the burst is audited once per minute.
  if (wrong.hospital === HOSPITAL_WRONG_CODE_BURST) {
    await audit(ctx, 'survey:visitCodes', {
      wrongCodesInMinute: wrong.hospital,
      from: wrong.windowStart.toISOString(),
    })
  }
  if (wrong.caller > limitFor(wrong.hospital)) throw new AppError('RATE_LIMITED', '尝试次数过多，请1分钟后再试')
  throw invalid('评价码无效，请核对后重新输入', [{ path: 'code', message: '评价码无效' }])
}
