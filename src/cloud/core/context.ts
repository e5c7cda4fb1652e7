import type { Role, SensitiveTextAnswer } from '../../contract'
import type { Repos } from '../domain/repos'
import type { Clock } from './clock'
import type { Logger } from './logger'
import type { Secrets } from './secrets'

/** A scannable code that opens a page of the app with a `scene`, as a PNG data URL. */
export interface PageCode {
  kind: 'wxacode' | 'qr'
  image: string
  /** What the code opens. */
  target: string
}

/**
 * Makes page codes: WeChat's `wxacode.getUnlimited` in production, an ordinary QR of the H5 link
 * on the local host.
 */
export interface PageCodes {
  forPage(page: string, scene: string): Promise<PageCode>
}

/** What a running function has: storage, time, keys, logs, page codes. Built once per process. */
export interface Runtime {
  repos: Repos
  clock: Clock
  secrets: Secrets
  log: Logger
  pageCodes: PageCodes
}

/** The verified caller, resolved from the platform's OPENID, never from the payload. */
export interface Caller {
  userId: string
  openid: string
  name: string
  roles: Role[]
  departmentId: string | null
  /** 单独同意 for free text about one's treatment, as on the user row; `null` until asked. */
  sensitiveText: SensitiveTextAnswer | null
  /** 大字模式, as on the user row: with the rest, the whole user record, so a handler need not read it again. */
  largeText: boolean
}

/** What scheduled work has: no caller, only the time of the run and storage. */
export type SystemCtx = Pick<Ctx, 'now' | 'repos' | 'log'>

/** Handed to every domain handler. `now` is fixed for the whole call. */
export interface Ctx {
  caller: Caller
  now: Date
  repos: Repos
  secrets: Secrets
  log: Logger
  pageCodes: PageCodes
  fn: string
  action: string
  /** The action is anonymous (see ActionDef.anonymous): rate limits key the caller by a keyed hash. */
  anonymous: boolean
}
