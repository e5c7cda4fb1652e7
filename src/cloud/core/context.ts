import type { Role } from '../../contract'
import type { Repos } from '../storage/repos'
import type { Clock } from './clock'
import type { Logger } from './logger'
import type { Secrets } from './secrets'

/** What a running function has: storage, time, keys, logs. Built once per process. */
export interface Runtime {
  repos: Repos
  clock: Clock
  secrets: Secrets
  log: Logger
}

/** The verified caller, resolved from the platform's OPENID, never from the payload. */
export interface Caller {
  userId: string
  openid: string
  name: string
  roles: Role[]
  departmentId: string | null
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
  fn: string
  action: string
}
