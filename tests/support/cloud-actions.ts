import { HTTP_STATUS, type Role } from '../../src/contract'
import { AdjustableClock } from '../../src/cloud/core/clock'
import type { Runtime } from '../../src/cloud/core/context'
import { dispatch } from '../../src/cloud/core/dispatch'
import { loadSecrets } from '../../src/cloud/core/secrets'
import { devUser } from '../../src/cloud/host/dev-users'
import { linkPageCodes } from '../../src/cloud/host/page-codes'
import { CLOUD_FUNCTIONS, isFunctionName } from '../../src/cloud/registry'
import { roundTripsOf, type CloudDbStandIn, type RoundTrips } from './cloud-db-stand-in'
import { openCloudStandIn, type Fixtures } from './repo-adapters'
import type { Reply, SignedIn } from './test-host'

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined }

export interface CloudActions {
  db: CloudDbStandIn
  repos: Runtime['repos']
  fixtures: Fixtures
  /** A user of this role (a department for staff and managers), calling as WeChat would call the function. */
  signIn(as: Role, id: string, departmentId?: string): Promise<SignedIn>
  /** What `work` cost the database, in calls and round trips. */
  measure(work: () => Promise<unknown>): Promise<RoundTrips & { roundTrips: number }>
}

/**
 * Cloud functions on the cloudbase adapter and the cloud-database stand-in, without HTTP: the path a
 * deployed function takes from `main(event)` to the database, so its database calls can be counted.
 */
export async function openCloudActions(options: { concurrent?: boolean } = {}): Promise<CloudActions> {
  const { db, repos, fixtures } = await openCloudStandIn(options)
  const runtime: Runtime = {
    repos,
    clock: new AdjustableClock(),
    secrets: loadSecrets({}, false),
    log: quiet,
    pageCodes: linkPageCodes(() => 'http://127.0.0.1'),
  }
  return {
    db,
    repos,
    fixtures,
    async signIn(as, id, departmentId) {
      const user = await devUser(repos.identity, as, id, departmentId ?? null)
      if (!user) throw new Error(`no ${as} ${id}`)
      return {
        token: '',
        user,
        async call<T>(fn: string, action: string, data?: unknown, requestId?: string) {
          if (!isFunctionName(fn)) throw new Error(`unknown function ${fn}`)
          const body = await dispatch(fn, CLOUD_FUNCTIONS[fn], { action, data, requestId }, user.openid, runtime)
          return { status: body.ok ? 200 : HTTP_STATUS[body.error.code], body } as Reply<T>
        },
      }
    },
    async measure(work) {
      const before = { ...db.calls }
      await work()
      const calls = {
        reads: db.calls.reads - before.reads,
        writes: db.calls.writes - before.writes,
        transactions: db.calls.transactions - before.transactions,
      }
      return { ...calls, roundTrips: roundTripsOf(calls) }
    },
  }
}
