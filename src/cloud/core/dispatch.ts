import { z } from 'zod'
import type { CallResult, FieldError } from '../../contract'
import { AppError, notFound } from './app-error'
import type { Caller, Ctx, Runtime } from './context'
import { isPrivileged, rateLimitOf, type ActionDef, type FunctionDef } from './define'
import { audit, limitRate, wasAudited } from './effects'
import { inputDigest } from './input-digest'
import type { BoundRequest } from './platform-repo'
import { pseudonymousId } from './pseudonym'

const eventSchema = z.object({
  action: z.string().min(1).max(64),
  data: z.unknown().optional(),
  requestId: z.string().min(8).max(64).optional(),
})

const PENDING_POLLS = 50
const PENDING_POLL_MS = 100
const MAX_FIELD_ERRORS = 5

function toFieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }))
}

/**
 * Paths of strings (values or keys) holding a NUL character: valid JSON, but PostgreSQL text cannot
 * store it. Iterative, so deeply nested junk cannot exhaust the stack.
 */
function nulPaths(value: unknown): string[] {
  const found: string[] = []
  const stack: [unknown, string][] = [[value, '']]
  while (stack.length > 0 && found.length < MAX_FIELD_ERRORS) {
    const [item, path] = stack.pop() as [unknown, string]
    if (typeof item === 'string') {
      if (item.includes('\u0000')) found.push(path)
    } else if (item !== null && typeof item === 'object') {
      for (const [key, child] of Object.entries(item)) {
        const childPath = path ? `${path}.${key}` : key
        if (key.includes('\u0000')) found.push(childPath)
        stack.push([child, childPath])
      }
    }
  }
  return found
}

function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, message: string): z.output<S> {
  const parsed = schema.safeParse(value)
  if (!parsed.success) throw new AppError('INVALID_INPUT', message, toFieldErrors(parsed.error))
  return parsed.data
}

function refuseUnstorable(value: unknown, message: string): void {
  const paths = nulPaths(value)
  if (paths.length > 0) {
    throw new AppError(
      'INVALID_INPUT',
      message,
      paths.map((path) => ({ path, message: '含有无法识别的字符' })),
    )
  }
}

function findAction(fn: FunctionDef, name: string): ActionDef<z.ZodType, unknown> {
  // Own properties only: `__proto__` or `constructor` must never resolve to something callable.
  if (!Object.prototype.hasOwnProperty.call(fn, name)) throw notFound(`未知的操作：${name.slice(0, 64)}`)
  return fn[name]
}

async function resolveCaller(runtime: Runtime, openid: string | undefined): Promise<Caller> {
  if (!openid) throw new AppError('UNAUTHENTICATED')
  const user = await runtime.repos.identity.ensureUser(openid)
  return {
    userId: user.id,
    openid,
    name: user.name,
    roles: user.roles,
    departmentId: user.departmentId,
    sensitiveText: user.prefs.sensitiveText,
    largeText: user.prefs.largeText,
  }
}

async function sleep(ms: number) {
  await new Promise((resolve) => setTimeout(resolve, ms))
}

const OTHER_INPUT = '同一次提交的内容前后不一致，未予处理；请刷新页面，查看结果后再操作'

/**
 * A retried write gets the first result; a concurrent duplicate waits for it. The same request id
 * with other input is refused rather than answered with a result that is not its own.
 */
async function runOnce(runtime: Runtime, key: BoundRequest, now: Date, run: () => Promise<unknown>): Promise<unknown> {
  const platform = runtime.repos.platform
  for (let poll = 0; poll <= PENDING_POLLS; poll++) {
    const claim = await platform.claimRequest(key, now)
    if (claim.state === 'mismatch') throw new AppError('CONFLICT', OTHER_INPUT)
    if (claim.state === 'done') return claim.result
    if (claim.state === 'new') {
      try {
        const result = await run()
        await platform.completeRequest(key, result ?? null)
        return result
      } catch (error) {
        await platform.releaseRequest(key)
        throw error
      }
    }
    await sleep(PENDING_POLL_MS)
  }
  throw new AppError('CONFLICT', '相同的请求正在处理中，请稍后查看结果')
}

/**
 * Rate limits count first executions only, so a retried write never trips them. A privileged write
 * is always in the audit log: by the handler's own entry or, failing that, by this generic one.
 */
async function handle(def: ActionDef<z.ZodType, unknown>, ctx: Ctx, input: unknown): Promise<unknown> {
  const limit = rateLimitOf(def)
  if (limit) await limitRate(ctx, `${ctx.fn}.${ctx.action}`, limit.limit, limit.windowSeconds)
  const result = await def.handle(ctx, input)
  if (def.write && isPrivileged(def) && !wasAudited(ctx)) await audit(ctx, ctx.fn, { input })
  return result
}

async function execute(fnName: string, fn: FunctionDef, event: unknown, openid: string | undefined, runtime: Runtime) {
  const caller = await resolveCaller(runtime, openid)
  const { action: actionName, data, requestId } = parseOrThrow(eventSchema, event, '请求格式不正确')
  refuseUnstorable({ requestId }, '请求格式不正确')
  const def = findAction(fn, actionName)
  if (!def.roles.some((role) => caller.roles.includes(role))) throw new AppError('FORBIDDEN')
  const input = parseOrThrow(def.input, data ?? {}, '填写的内容有误，请检查标红的项目')
  refuseUnstorable(input, '填写的内容有误，请检查标红的项目')
  const now = runtime.clock.now()
  const ctx: Ctx = {
    caller,
    now,
    repos: runtime.repos,
    secrets: runtime.secrets,
    log: runtime.log,
    pageCodes: runtime.pageCodes,
    fn: fnName,
    action: actionName,
    anonymous: def.anonymous === true,
  }
  const run = () => handle(def, ctx, input)
  if (!def.write || !requestId) return run()
  // An anonymous write's record names no one: its owner is a keyed hash of the caller and this request.
  const owner = def.anonymous
    ? pseudonymousId(runtime.secrets.visitCode, `request:${fnName}.${actionName}:${caller.openid}:${requestId}`)
    : caller.userId
  const inputHash = inputDigest(runtime.secrets.visitCode, input)
  return runOnce(runtime, { userId: owner, fn: fnName, action: actionName, requestId, inputHash }, now, run)
}

/**
 * The one path from a platform event to a domain handler: who is calling (from the platform's
 * OPENID only), is the action known, is the role allowed, is the input valid, was it done before.
 */
export async function dispatch(
  fnName: string,
  fn: FunctionDef,
  event: unknown,
  openid: string | undefined,
  runtime: Runtime,
): Promise<CallResult<unknown>> {
  try {
    return { ok: true, data: await execute(fnName, fn, event, openid, runtime) }
  } catch (error) {
    if (error instanceof AppError) {
      const fields = error.fields.length > 0 ? { fields: error.fields } : {}
      return { ok: false, error: { code: error.code, message: error.message, ...fields } }
    }
    const incident = Math.random().toString(36).slice(2, 10)
    runtime.log.error({ err: error, fn: fnName, incident }, 'unhandled error in cloud function')
    return {
      ok: false,
      error: { code: 'INTERNAL', message: `系统繁忙，请稍后再试（编号 ${incident}）`, requestId: incident },
    }
  }
}
