import fastifyStatic from '@fastify/static'
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify'
import { existsSync } from 'node:fs'
import { z } from 'zod'
import {
  HTTP_STATUS,
  ROLES,
  verifyCertificateInput,
  type ApiError,
  type CallResult,
  type ErrorCode,
} from '../../contract'
import { AdjustableClock } from '../core/clock'
import type { Runtime } from '../core/context'
import { linkPageCodes } from './page-codes'
import type { Logger } from '../core/logger'
import { createMain, type CloudMain } from '../core/main'
import type { Secrets } from '../core/secrets'
import { verifyCertificate } from '../domain/volunteer/certificates'
import { CLOUD_FUNCTIONS, isFunctionName } from '../registry'
import { runSweeps, SWEEP_INTERVAL_MINUTES } from '../sweeps'
import { analyzeIfNeeded, openPgliteStore, type PgliteStore } from '../storage/pglite'
import { inArrivalOrder } from '../storage/pglite/turns'
import { DEFAULT_DEV_DEPARTMENT, devUser } from './dev-users'
import { seedIfEmpty, type SeedMode } from './seed'
import { issueToken, verifyToken } from './session-token'
import { startupPhases, type StartupPhases } from './startup-phases'

export interface HostOptions {
  /** PGlite data directory; `undefined` keeps everything in memory. */
  dataDir: string | undefined
  port: number
  host?: string
  devMode: boolean
  seed: SeedMode
  secrets: Secrets
  /** Serves the H5 build from here when present. */
  staticDir?: string
  /** The address patients reach the H5 app at, for the QR on visit slips; the listening address when absent. */
  publicUrl?: string
  logger: boolean
  /** Where the start's steps are timed; the host keeps its own when absent. */
  phases?: StartupPhases
}

export interface RunningHost {
  url: string
  app: FastifyInstance
  store: PgliteStore
  clock: AdjustableClock
  /** How long each step of this start took. */
  startup: StartupPhases['phases']
  close(): Promise<void>
}

export const BODY_LIMIT_BYTES = 64 * 1024

/** The host context passed to main: the one place the OPENID comes from, as in WeChat. */
interface HostContext {
  OPENID?: string
}

const signInSchema = z.object({
  as: z.enum(ROLES),
  id: z
    .string()
    .regex(/^[\w-]{1,64}$/)
    .optional(),
  departmentId: z.string().uuid().optional(),
})

const clockSchema = z.object({ now: z.string().datetime({ offset: true }).nullable() })

function fail(reply: FastifyReply, code: ErrorCode, message: string, status = HTTP_STATUS[code]) {
  const error: ApiError = { code, message }
  return reply.status(status).send({ ok: false, error } satisfies CallResult<never>)
}

function bearer(header: string | undefined): string | null {
  const match = /^Bearer (\S+)$/.exec(header ?? '')
  return match ? match[1] : null
}

function buildMains(runtime: Runtime): Map<string, CloudMain> {
  const openIdOf = (context: unknown) => (context as HostContext).OPENID
  return new Map(
    Object.entries(CLOUD_FUNCTIONS).map(([name, fn]) => [name, createMain(name, fn, async () => runtime, openIdOf)]),
  )
}

function registerDevRoutes(
  app: FastifyInstance,
  store: PgliteStore,
  clock: AdjustableClock,
  secrets: Secrets,
  sweep: () => ReturnType<typeof runSweeps>,
) {
  app.post('/dev/sign-in', async (request, reply) => {
    const parsed = signInSchema.safeParse(request.body ?? {})
    if (!parsed.success) return fail(reply, 'INVALID_INPUT', 'as 应为 patient/volunteer/staff/manager/admin')
    const { as, id } = parsed.data
    const identity = store.repos.identity
    const needsDepartment = as === 'staff' || as === 'manager'
    const fallback = (await identity.listDepartments()).find((d) => d.name === DEFAULT_DEV_DEPARTMENT)
    const departmentId = needsDepartment ? (parsed.data.departmentId ?? fallback?.id ?? null) : null
    const user = await devUser(identity, as, id, departmentId)
    if (!user) return fail(reply, 'INTERNAL', '无法创建测试用户')
    return { token: issueToken(secrets.session, user.openid, clock.now()), user }
  })

  app.post('/dev/clock', async (request, reply) => {
    const parsed = clockSchema.safeParse(request.body ?? {})
    if (!parsed.success) return fail(reply, 'INVALID_INPUT', 'now 应为 ISO 8601 时间或 null')
    clock.set(parsed.data.now ? new Date(parsed.data.now) : null)
    return { now: clock.now().toISOString() }
  })

  // The timer's work now, e.g. right after moving the clock.
  app.post('/dev/sweep', sweep)

  app.get('/dev/outbox', async (request) => {
    const { userId } = request.query as { userId?: string }
    return store.repos.platform.listOutbox(userId && z.string().uuid().safeParse(userId).success ? userId : undefined)
  })
}

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const phases = options.phases ?? startupPhases()
  const store = await openPgliteStore(options.dataDir, phases.mark)
  const clock = new AdjustableClock()
  const seeded = await seedIfEmpty(store.sql, options.seed, clock.now())
  phases.mark('seed check')
  await analyzeIfNeeded(store, seeded)
  phases.mark('statistics check')

  const app = Fastify({ bodyLimit: BODY_LIMIT_BYTES, logger: options.logger ? { level: 'info' } : false })
  const log: Logger = {
    info: (details, message) => app.log.info(details, message),
    warn: (details, message) => app.log.warn(details, message),
    error: (details, message) => app.log.error(details, message),
  }
  // Known once the server listens; a slip's QR is only drawn after that.
  let publicUrl = ''
  const pageCodes = linkPageCodes(() => options.publicUrl ?? publicUrl)
  const runtime: Runtime = { repos: store.repos, clock, secrets: options.secrets, log, pageCodes }
  const mains = buildMains(runtime)

  app.setErrorHandler((error: { statusCode?: number; message: string }, _request, reply) => {
    const status = error.statusCode ?? 500
    if (status >= 500) {
      app.log.error(error)
      return fail(reply, 'INTERNAL', '系统繁忙，请稍后再试')
    }
    if (status === 413) return fail(reply, 'INVALID_INPUT', '提交的内容过大', 413)
    return fail(reply, 'INVALID_INPUT', '请求格式不正确', status)
  })
  app.setNotFoundHandler((_request, reply) => fail(reply, 'NOT_FOUND', '没有这个地址'))

  app.get('/health', async () => ({ ok: true }))

  // Anyone holding a 志愿服务证明 may check it, signed in or not: the same answer as volunteer.verifyCertificate.
  app.get<{ Params: { number: string } }>('/public/certificates/:number', async (request, reply) => {
    const parsed = verifyCertificateInput.safeParse({ number: request.params.number })
    if (!parsed.success) return fail(reply, 'INVALID_INPUT', '证明编号有误')
    return { ok: true, data: await verifyCertificate({ repos: store.repos, now: clock.now(), log }, parsed.data) }
  })

  app.post<{ Params: { name: string } }>('/fn/:name', async (request, reply) => {
    const arrivedAt = performance.now()
    const { name } = request.params
    const main = isFunctionName(name) ? mains.get(name) : undefined
    if (!main) return fail(reply, 'NOT_FOUND', `没有这个云函数：${name.slice(0, 32)}`)
    const token = bearer(request.headers.authorization)
    const openid = token ? verifyToken(options.secrets.session, token, clock.now()) : null
    if (!openid) return fail(reply, 'UNAUTHENTICATED', token ? '登录已失效，请重新登录' : '请先登录')
    const context: HostContext = { OPENID: openid }
    const result = await inArrivalOrder(arrivedAt, () => main(request.body, context))
    return reply.status(result.ok ? 200 : HTTP_STATUS[result.error.code]).send(result)
  })

  // WeChat runs the sweeps from a timer trigger; the local host keeps its own timer.
  const sweep = () => runSweeps({ repos: store.repos, now: clock.now(), log })
  const sweepTimer = setInterval(() => void sweep(), SWEEP_INTERVAL_MINUTES * 60_000)
  sweepTimer.unref()

  if (options.devMode) registerDevRoutes(app, store, clock, options.secrets, sweep)
  if (options.staticDir && existsSync(options.staticDir)) {
    await app.register(fastifyStatic, { root: options.staticDir, prefix: '/' })
  }

  phases.mark('routes')
  await app.listen({ port: options.port, host: options.host ?? '127.0.0.1' })
  phases.mark('HTTP listen')
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : options.port
  publicUrl = `http://127.0.0.1:${port}`
  return {
    url: publicUrl,
    app,
    store,
    clock,
    startup: phases.phases,
    async close() {
      clearInterval(sweepTimer)
      await app.close()
      await store.close()
    },
  }
}
