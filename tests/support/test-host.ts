import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ApiError, Role } from '../../src/contract'
import { loadSecrets } from '../../src/cloud/core/secrets'
import { startHost, type RunningHost } from '../../src/cloud/host/server'
import { templateDir } from './template-db'

export interface Reply<T = unknown> {
  status: number
  body: { ok: true; data: T } | { ok: false; error: ApiError }
}

export interface SignedIn {
  token: string
  user: { id: string; openid: string; roles: Role[]; departmentId: string | null }
  call<T = unknown>(fn: string, action: string, data?: unknown, requestId?: string): Promise<Reply<T>>
}

export interface TestHost {
  url: string
  host: RunningHost
  dataDir: string
  signIn(as: Role, id?: string, departmentId?: string): Promise<SignedIn>
  /** Calls with a raw body and headers, for malformed requests. */
  raw(path: string, body: string, headers?: Record<string, string>): Promise<{ status: number; body: unknown }>
  setClock(at: Date | null): void
  /** `keepData` leaves the directory for a restart on the same data. */
  close(options?: { keepData?: boolean }): Promise<void>
}

export async function post(url: string, body: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...headers },
  })
  const text = await response.text()
  let parsed: unknown = text
  try {
    parsed = JSON.parse(text)
  } catch {
    // not JSON: the test sees the raw text
  }
  return { status: response.status, body: parsed }
}

/**
 * A real host on a free port over a fresh copy of the seeded template database, or over
 * `existingDataDir` to restart on data a previous host left.
 */
export async function startTestHost(options: { existingDataDir?: string; staticDir?: string } = {}): Promise<TestHost> {
  const { existingDataDir, staticDir } = options
  const dataDir = existingDataDir ?? join(mkdtempSync(join(tmpdir(), 'renxin-test-')), 'db')
  if (!existingDataDir) cpSync(templateDir(), dataDir, { recursive: true })
  const host = await startHost({
    dataDir,
    port: 0,
    devMode: true,
    seed: 'none',
    secrets: loadSecrets({}, false),
    staticDir,
    logger: false,
  })
  const url = host.url
  return {
    url,
    host,
    dataDir,
    async signIn(as, id, departmentId) {
      const reply = await post(`${url}/dev/sign-in`, JSON.stringify({ as, id, departmentId }))
      if (reply.status !== 200) throw new Error(`sign-in failed: ${JSON.stringify(reply.body)}`)
      const { token, user } = reply.body as Pick<SignedIn, 'token' | 'user'>
      return {
        token,
        user,
        call: async <T>(fn: string, action: string, data?: unknown, requestId?: string) =>
          (await post(`${url}/fn/${fn}`, JSON.stringify({ action, data, requestId }), {
            authorization: `Bearer ${token}`,
          })) as Reply<T>,
      }
    },
    raw: (path, body, headers) => post(`${url}${path}`, body, headers),
    setClock: (at) => host.clock.set(at),
    async close(options = {}) {
      await host.close()
      if (!options.keepData) rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** Narrows a reply to its data, failing the test with the error when it was refused. */
export function dataOf<T>(reply: Reply<T>): T {
  if (!reply.body.ok) throw new Error(`expected success, got ${reply.status} ${JSON.stringify(reply.body.error)}`)
  return reply.body.data
}

export function errorOf(reply: Reply): ApiError {
  if (reply.body.ok) throw new Error(`expected an error, got ${reply.status} ${JSON.stringify(reply.body.data)}`)
  return reply.body.error
}

/**
 * Gives 单独同意 for free text about one's treatment, as the app's consent card does: the handlers
 * refuse a complaint, a praise or a help note from anyone who has not.
 */
export async function consentToTreatmentText<P extends Pick<SignedIn, 'call'>>(person: P): Promise<P> {
  dataOf(await person.call('identity', 'setPrefs', { sensitiveText: 'granted' }))
  return person
}
