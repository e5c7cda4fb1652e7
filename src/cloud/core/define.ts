import type { z } from 'zod'
import type { Role } from '../../contract'
import type { Ctx } from './context'

export interface ActionDef<Schema extends z.ZodType, Output> {
  /** Roles allowed to call; every signed-in person is a `patient`. */
  roles: readonly Role[]
  input: Schema
  /** Writes are idempotent per client requestId. */
  write?: boolean
  handle(ctx: Ctx, input: z.output<Schema>): Promise<Output>
}

export function action<Schema extends z.ZodType, Output>(def: ActionDef<Schema, Output>): ActionDef<Schema, Output> {
  return def
}

/** One cloud function: its actions by name. */
export type FunctionDef = Readonly<Record<string, ActionDef<z.ZodType, unknown>>>

export const EVERYONE: readonly Role[] = ['patient', 'volunteer', 'staff', 'manager', 'admin']
export const ORGANIZERS: readonly Role[] = ['manager', 'admin']
export const ADMINS: readonly Role[] = ['admin']
