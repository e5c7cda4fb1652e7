import type { z } from 'zod'
import type { Endpoint, Role } from '../../contract'
import type { Ctx } from './context'

export interface ActionDef<Schema extends z.ZodType, Output> {
  /** Roles allowed to call; every signed-in person is a `patient`. */
  roles: readonly Role[]
  input: Schema
  /** Writes are idempotent per client requestId. */
  write?: boolean
  /**
   * The answer must not be joinable to the person who gave it: the call's idempotency record and
   * rate-limit entries are keyed by a keyed hash of the caller, never by their user id or OPENID.
   */
  anonymous?: boolean
  /**
   * Calls per caller per window. Writes open to patients get `PUBLIC_WRITE_LIMIT` unless they say
   * otherwise; `false` lifts it.
   */
  rateLimit?: RateLimit | false
  handle(ctx: Ctx, input: z.output<Schema>): Promise<Output>
}

export interface RateLimit {
  limit: number
  windowSeconds: number
}

/** What one person can plausibly do by hand in a minute; more is a script or a stuck button. */
export const PUBLIC_WRITE_LIMIT: RateLimit = { limit: 20, windowSeconds: 60 }

export function action<Schema extends z.ZodType, Output>(def: ActionDef<Schema, Output>): ActionDef<Schema, Output> {
  return def
}

/** One cloud function: its actions by name. */
export type FunctionDef = Readonly<Record<string, ActionDef<z.ZodType, unknown>>>

/**
 * A function's action table as the client's API map describes it: the same actions, each reading
 * the endpoint's input and answering its output. `table satisfies FunctionOf<SurveyApi>` makes an
 * action missing on either side, or a schema or handler that drifted, fail `typecheck`.
 */
export type FunctionOf<Api> = {
  readonly [A in keyof Api]: Api[A] extends Endpoint<infer Input, infer Output>
    ? ActionDef<z.ZodType<unknown, Input>, Output>
    : never
}

export const EVERYONE: readonly Role[] = ['patient', 'volunteer', 'staff', 'manager', 'admin']
export const ORGANIZERS: readonly Role[] = ['manager', 'admin']
export const ADMINS: readonly Role[] = ['admin']

/** Anyone signed in may call it: every WeChat user is a patient. */
export const isPublic = (def: ActionDef<z.ZodType, unknown>) => def.roles.includes('patient')

/** Only managers and admins may call it: what they do goes in the audit log. */
export const isPrivileged = (def: ActionDef<z.ZodType, unknown>) => def.roles.every((role) => ORGANIZERS.includes(role))

export function rateLimitOf(def: ActionDef<z.ZodType, unknown>): RateLimit | null {
  if (def.rateLimit !== undefined) return def.rateLimit || null
  return def.write && isPublic(def) ? PUBLIC_WRITE_LIMIT : null
}
