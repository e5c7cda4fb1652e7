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

function windows(ctx: Ctx) {
  const mine = rateWindow(ctx, CALLER_BUCKET, WINDOW_SECONDS)
  // One shared bucket: the same key whoever calls.
  const hospital = { key: `${HOSPITAL_BUCKET}/${WINDOW_SECONDS}s`, windowStart: mine.windowStart }
  return { mine, hospital }
}

const limitFor = (hospitalWrong: number) =>
  hospitalWrong >= HOSPITAL_WRONG_CODE_BURST ? WRONG_CODES_PER_MINUTE_UNDER_ATTACK : WRONG_CODES_PER_MINUTE

/**
 * Refuses a caller who has used up their wrong guesses before their code is even looked at:
 * otherwise a guesser would still learn which of their guesses were right.
 */
export async function refuseWhileGuessing(ctx: Ctx): Promise<void> {
  const { mine, hospital } = windows(ctx)
  const platform = ctx.repos.platform
  const [mineWrong, hospitalWrong] = await Promise.all([
    platform.rateHits(mine.key, mine.windowStart),
    platform.rateHits(hospital.key, hospital.windowStart),
  ])
  if (mineWrong >= limitFor(hospitalWrong)) throw new AppError('RATE_LIMITED', '尝试次数过多，请1分钟后再试')
}

/** Counts a wrong code against the caller and the hospital, and refuses it. */
export async function refuseWrongCode(ctx: Ctx): Promise<never> {
  const { mine, hospital } = windows(ctx)
  const platform = ctx.repos.platform
  const [mineWrong, hospitalWrong] = await Promise.all([
    platform.hitRateLimit(mine.key, mine.windowStart),
    platform.hitRateLimit(hospital.key, hospital.windowStart),
  ])
  // The hit that reaches the burst is counted exactly once, so the burst is audited once per minute.
  if (hospitalWrong === HOSPITAL_WRONG_CODE_BURST) {
    await audit(ctx, 'survey:visitCodes', {
      wrongCodesInMinute: hospitalWrong,
      from: hospital.windowStart.toISOString(),
    })
  }
  if (mineWrong > limitFor(hospitalWrong)) throw new AppError('RATE_LIMITED', '尝试次数过多，请1分钟后再试')
  throw invalid('评价码无效，请核对后重新输入', [{ path: 'code', message: '评价码无效' }])
}
