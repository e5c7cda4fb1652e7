import { z } from 'zod'
import type { Logger } from './logger'
import type { OutboxRecord } from './platform-repo'
import type { Repos } from '../domain/repos'

/**
 * One subscribe-message template as configured in the WeChat admin console: its id and which
 * payload field fills each of its keywords (`thing1`, `time2` …).
 */
const templateSchema = z.object({
  id: z.string().min(1),
  page: z.string().optional(),
  data: z.record(z.string(), z.string()),
})

export type SubscribeTemplates = Record<string, z.infer<typeof templateSchema>>

export const TEMPLATES_ENV = 'RENXIN_SUBSCRIBE_TEMPLATES'

/** Template name -> WeChat template, from `RENXIN_SUBSCRIBE_TEMPLATES` (JSON); none configured is allowed. */
export function loadSubscribeTemplates(env: NodeJS.ProcessEnv): SubscribeTemplates {
  const raw = env[TEMPLATES_ENV]
  if (!raw) return {}
  return z.record(z.string(), templateSchema).parse(JSON.parse(raw))
}

export interface SubscribeMessage {
  touser: string
  templateId: string
  page?: string
  data: Record<string, { value: string }>
}

/** Sends one message; rejects when WeChat refuses it. */
export type SendSubscribeMessage = (message: SubscribeMessage) => Promise<void>

export interface DrainReport {
  sent: number
  retrying: number
  failed: number
}

const LEASE_MS = 2 * 60_000
const MAX_ATTEMPTS = 5
/** WeChat cuts keyword values (thing: 20 characters); cutting here keeps the message valid. */
const MAX_VALUE_LENGTH = 20

const backoff = (attempts: number) => Math.min(2 ** attempts, 60) * 60_000

function render(message: OutboxRecord, openid: string, template: SubscribeTemplates[string]): SubscribeMessage {
  const data: SubscribeMessage['data'] = {}
  for (const [keyword, field] of Object.entries(template.data)) {
    data[keyword] = { value: String(message.payload[field] ?? '').slice(0, MAX_VALUE_LENGTH) }
  }
  return { touser: openid, templateId: template.id, ...(template.page ? { page: template.page } : {}), data }
}

/**
 * Delivers what handlers queued. Runs from the timer, never inside a user's action: a refused or
 * failed send is logged and retried with backoff, then given up on after MAX_ATTEMPTS.
 */
export async function drainOutbox(
  repos: Repos,
  send: SendSubscribeMessage,
  templates: SubscribeTemplates,
  now: Date,
  log: Logger,
  limit = 50,
): Promise<DrainReport> {
  const report: DrainReport = { sent: 0, retrying: 0, failed: 0 }
  for (const message of await repos.platform.dueOutbox(now, limit)) {
    if (!(await repos.platform.leaseOutbox(message.id, now, new Date(now.getTime() + LEASE_MS)))) continue
    const template = templates[message.template]
    const user = await repos.identity.findUser(message.userId)
    if (!template || !user) {
      const error = template ? 'recipient not found' : `no subscribe template configured for ${message.template}`
      log.warn({ outbox: message.id, template: message.template }, error)
      await repos.platform.settleOutbox(message.id, { sent: false, error, retryAt: null }, now)
      report.failed++
      continue
    }
    try {
      await send(render(message, user.openid, template))
      await repos.platform.settleOutbox(message.id, { sent: true }, now)
      report.sent++
    } catch (err) {
      const attempts = message.attempts + 1
      const retryAt = attempts < MAX_ATTEMPTS ? new Date(now.getTime() + backoff(attempts)) : null
      log.warn({ err, outbox: message.id, attempts }, 'subscribe message not sent')
      const error = err instanceof Error ? err.message : JSON.stringify(err)
      await repos.platform.settleOutbox(message.id, { sent: false, error, retryAt }, now)
      if (retryAt) report.retrying++
      else report.failed++
    }
  }
  return report
}
