import cloud from 'wx-server-sdk'
import type { Runtime } from '../core/context'
import type { FunctionDef } from '../core/define'
import { consoleLogger } from '../core/logger'
import { createMain, type CloudMain } from '../core/main'
import { loadSecrets } from '../core/secrets'
import { systemClock } from '../core/clock'
import type { Repos } from '../storage/repos'

/** Storage for functions running in WeChat's cloud; chosen once per cold start. */
export type RepoFactory = () => Promise<Repos>

/**
 * `main` for a function deployed to WeChat Cloud Development. The caller is who WeChat says it is
 * (getWXContext().OPENID); nothing in the event can change that.
 */
export function createWechatMain(name: string, fn: FunctionDef, repos: RepoFactory): CloudMain {
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
  let runtime: Promise<Runtime> | undefined
  const load = async (): Promise<Runtime> => ({
    repos: await repos(),
    clock: systemClock,
    secrets: loadSecrets(process.env, true),
    log: consoleLogger,
  })
  return createMain(
    name,
    fn,
    () => (runtime ??= load()),
    () => cloud.getWXContext().OPENID,
  )
}
