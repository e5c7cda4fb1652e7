import cloud from 'wx-server-sdk'
import type { CallResult } from '../../contract'
import { systemClock } from '../core/clock'
import { consoleLogger } from '../core/logger'
import { drainOutbox, loadSubscribeTemplates, type DrainReport } from '../core/outbox-sender'
import { runSweeps, type SweepRun } from '../sweeps'
import type { RepoFactory } from './wechat'

export interface SweepReport extends SweepRun {
  outbox: DrainReport
}

/**
 * `main` of the timer-triggered function: runs every sweep, then delivers the outbox through
 * `cloud.openapi.subscribeMessage.send`. A call from a mini-program carries an OPENID and is
 * refused: only the timer runs it.
 */
export function createSweepMain(repos: RepoFactory): (event: unknown) => Promise<CallResult<SweepReport>> {
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
  let loaded: ReturnType<RepoFactory> | undefined
  return async () => {
    if (cloud.getWXContext().OPENID) return { ok: false, error: { code: 'FORBIDDEN', message: '没有权限' } }
    const store = await (loaded ??= repos())
    const now = systemClock.now()
    const run = await runSweeps({ repos: store, now, log: consoleLogger })
    const send = async (message: Parameters<typeof cloud.openapi.subscribeMessage.send>[0]) => {
      const result = await cloud.openapi.subscribeMessage.send(message)
      if (result.errCode !== 0) throw new Error(`subscribeMessage.send ${result.errCode}: ${result.errMsg}`)
    }
    const outbox = await drainOutbox(store, send, loadSubscribeTemplates(process.env), now, consoleLogger)
    consoleLogger.info({ ...run, outbox }, 'sweep done')
    return { ok: true, data: { ...run, outbox } }
  }
}
