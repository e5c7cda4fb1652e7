import cloud from 'wx-server-sdk'
import type { PageCodes, Runtime } from '../core/context'
import type { FunctionDef } from '../core/define'
import { consoleLogger } from '../core/logger'
import { createMain, type CloudMain } from '../core/main'
import { loadSecrets } from '../core/secrets'
import { systemClock } from '../core/clock'
import type { Repos } from '../domain/repos'

type WxacodeEnv = 'release' | 'trial' | 'develop'

/** The released mini-program unless RENXIN_WXACODE_ENV names a test build (`trial` or `develop`). */
const wxacodeEnv = (): WxacodeEnv => {
  const env = process.env.RENXIN_WXACODE_ENV
  return env === 'trial' || env === 'develop' ? env : 'release'
}

/** WeChat's unlimited mini-program code: `scene` is what the page receives in its launch options. */
export const wechatPageCodes: PageCodes = {
  async forPage(page, scene) {
    const { buffer, contentType } = await cloud.openapi.wxacode.getUnlimited({
      page,
      scene,
      // A page of a version not yet released is refused unless the path check is off.
      checkPath: wxacodeEnv() === 'release',
      envVersion: wxacodeEnv(),
      width: 430,
    })
    const image = `data:${contentType || 'image/png'};base64,${Buffer.from(buffer).toString('base64')}`
    return { kind: 'wxacode', image, target: `${page}?scene=${scene}` }
  },
}

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
    pageCodes: wechatPageCodes,
  })
  return createMain(
    name,
    fn,
    () => (runtime ??= load()),
    () => cloud.getWXContext().OPENID,
  )
}
