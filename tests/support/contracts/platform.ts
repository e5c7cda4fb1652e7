import { randomUUID } from 'node:crypto'
import { PENDING_LEASE_MS } from '../../../src/cloud/core/platform-repo'
import type { RepoHarness } from '../repo-adapters'

const at = new Date('2026-03-02T08:00:00.000Z')

export function platformContract(harness: () => RepoHarness): void {
  describe('platform', () => {
    const platform = () => harness().repos.platform
    const key = () => ({
      userId: randomUUID(),
      fn: 'survey',
      action: 'submit',
      requestId: randomUUID(),
      inputHash: 'input-a',
    })

    it('gives a request id to exactly one of many concurrent claimants, then replays its result', async () => {
      const k = key()
      const claims = await Promise.all(Array.from({ length: 20 }, () => platform().claimRequest(k, at)))
      expect(claims.filter((c) => c.state === 'new')).toHaveLength(1)
      expect(claims.filter((c) => c.state === 'pending')).toHaveLength(19)
      await platform().completeRequest(k, { id: 'r1', 'odd.key': [1, null] })
      expect(await platform().claimRequest(k, at)).toEqual({
        state: 'done',
        result: { id: 'r1', 'odd.key': [1, null] },
      })
      await platform().releaseRequest(k)
      expect((await platform().claimRequest(k, at)).state).toBe('done')
    })

    it('releases a pending claim so a retry runs again, and keeps keys apart', async () => {
      const k = key()
      expect(await platform().claimRequest(k, at)).toEqual({ state: 'new' })
      expect(await platform().claimRequest({ ...k, action: 'other' }, at)).toEqual({ state: 'new' })
      await platform().releaseRequest(k)
      expect(await platform().claimRequest(k, at)).toEqual({ state: 'new' })
    })

    it('lets exactly one retry take over a claim whose run died, but never a finished one', async () => {
      const k = key()
      const after = (ms: number) => new Date(at.getTime() + ms)
      expect(await platform().claimRequest(k, at)).toEqual({ state: 'new' })
      expect(await platform().claimRequest(k, after(PENDING_LEASE_MS - 1000))).toEqual({ state: 'pending' })
      const retries = await Promise.all(
        Array.from({ length: 10 }, () => platform().claimRequest(k, after(PENDING_LEASE_MS + 1000))),
      )
      expect(retries.filter((c) => c.state === 'new')).toHaveLength(1)
      expect(await platform().claimRequest(k, after(PENDING_LEASE_MS + 2000))).toEqual({ state: 'pending' })
      await platform().completeRequest(k, { done: true })
      expect(await platform().claimRequest(k, after(10 * PENDING_LEASE_MS))).toEqual({
        state: 'done',
        result: { done: true },
      })
    })

    it('binds a request id to its input: other input is a mismatch, pending or done, and takes over no dead claim', async () => {
      const k = key()
      const other = { ...k, inputHash: 'input-b' }
      const after = (ms: number) => new Date(at.getTime() + ms)
      expect(await platform().claimRequest(k, at)).toEqual({ state: 'new' })
      expect(await platform().claimRequest(other, at)).toEqual({ state: 'mismatch' })
      expect(await platform().claimRequest(other, after(PENDING_LEASE_MS + 1000))).toEqual({ state: 'mismatch' })
      expect(await platform().claimRequest(k, after(PENDING_LEASE_MS + 1000))).toEqual({ state: 'new' })
      await platform().completeRequest(k, { id: 'r1' })
      expect(await platform().claimRequest(other, after(PENDING_LEASE_MS + 2000))).toEqual({ state: 'mismatch' })
      expect(await platform().claimRequest(k, after(PENDING_LEASE_MS + 2000))).toEqual({
        state: 'done',
        result: { id: 'r1' },
      })
      // The same input under another request id is a request of its own.
      expect(await platform().claimRequest({ ...other, requestId: randomUUID() }, at)).toEqual({ state: 'new' })
    })

    it('prunes finished results and ended rate windows, keeping pending claims and newer records', async () => {
      const old = new Date('2001-01-01T00:00:00.000Z')
      const cut = new Date('2001-01-05T00:00:00.000Z')
      const [done, pending, recent] = [key(), key(), key()]
      for (const [k, when] of [
        [done, old],
        [pending, old],
        [recent, cut],
      ] as const) {
        await platform().claimRequest(k, when)
      }
      await platform().completeRequest(done, 1)
      await platform().completeRequest(recent, 2)
      const bucket = `prune:${randomUUID()}`
      await platform().hitRateLimit(bucket, old)
      await platform().hitRateLimit(bucket, cut)

      expect(await platform().prune({ requests: cut, rateWindows: cut })).toBe(2)
      expect(await platform().prune({ requests: cut, rateWindows: cut })).toBe(0)
      const inLease = new Date(old.getTime() + 1000)
      expect(await platform().claimRequest(done, inLease)).toEqual({ state: 'new' })
      expect(await platform().claimRequest(pending, inLease)).toEqual({ state: 'pending' })
      expect(await platform().claimRequest(recent, cut)).toEqual({ state: 'done', result: 2 })
      expect(await platform().hitRateLimit(bucket, old)).toBe(1)
      expect(await platform().hitRateLimit(bucket, cut)).toBe(2)
    })

    it('loses no rate-limit hit under concurrency, per key and window', async () => {
      const bucket = `submit:${randomUUID()}`
      const hits = await Promise.all(Array.from({ length: 30 }, () => platform().hitRateLimit(bucket, at)))
      expect(Math.max(...hits)).toBe(30)
      expect(hits.every((h) => h >= 1 && h <= 30)).toBe(true)
      expect(await platform().hitRateLimit(bucket, at)).toBe(31)
      expect(await platform().hitRateLimit(bucket, new Date(at.getTime() + 60_000))).toBe(1)
    })

    it('lets exactly the limit of concurrent calls take a slot per key and window, counting no refusal', async () => {
      const bucket = `slot:${randomUUID()}`
      const taken = await Promise.all(Array.from({ length: 30 }, () => platform().takeRateSlot(bucket, at, 20)))
      expect(taken.filter(Boolean)).toHaveLength(20)
      expect(await platform().takeRateSlot(bucket, at, 20)).toBe(false)
      expect(await platform().rateHits(bucket, at)).toBe(20)
      // A higher limit on the same window sees the refused calls uncounted.
      expect(await platform().takeRateSlot(bucket, at, 21)).toBe(true)
      const next = new Date(at.getTime() + 60_000)
      expect(await platform().takeRateSlot(bucket, next, 1)).toBe(true)
      expect(await platform().takeRateSlot(bucket, next, 1)).toBe(false)
      expect(await platform().takeRateSlot(`slot:${randomUUID()}`, at, 0)).toBe(false)
    })

    it('queues notifications per user, newest first, each with its own id', async () => {
      const userId = randomUUID()
      await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          platform().addOutbox({ userId, template: 'helpClaimed', payload: { n: i } }, at),
        ),
      )
      await platform().addOutbox({ userId: randomUUID(), template: 'other', payload: {} }, at)
      const mine = await platform().listOutbox(userId)
      expect(mine).toHaveLength(12)
      expect(new Set(mine.map((m) => m.id)).size).toBe(12)
      expect([...mine].sort((a, b) => b.id - a.id)).toEqual(mine)
      expect(mine[0]).toMatchObject({ userId, template: 'helpClaimed', status: 'pending', attempts: 0 })
      expect(mine[0].createdAt).toBe(at.toISOString())
      expect(new Set(mine.map((m) => m.payload.n))).toEqual(new Set(Array.from({ length: 12 }, (_, i) => i)))
    })

    it('queues a reminder once per user and key, even when sweeps race', async () => {
      const [first, second] = [randomUUID(), randomUUID()]
      const reminder = (userId: string, once: string) => ({
        userId,
        template: 'complaintToHandle',
        payload: { n: 1 },
        once,
      })
      const queued = await Promise.all(
        Array.from({ length: 10 }, () =>
          platform().addReminders([reminder(first, 'item-1:accept'), reminder(first, 'item-1:accept')], at),
        ),
      )
      expect(queued.reduce((sum, n) => sum + n, 0)).toBe(1)
      expect(
        await platform().addReminders(
          [reminder(first, 'item-1:accept'), reminder(first, 'item-1:reply'), reminder(second, 'item-1:accept')],
          at,
        ),
      ).toBe(2)
      expect(await platform().addReminders([], at)).toBe(0)
      await platform().addOutbox({ userId: first, template: 'plain', payload: {} }, at)
      await platform().addOutbox({ userId: first, template: 'plain', payload: {} }, at)
      const templates = (await platform().listOutbox(first)).map((m) => m.template).sort()
      expect(templates).toEqual(['complaintToHandle', 'complaintToHandle', 'plain', 'plain'])
      expect(await platform().listOutbox(second)).toHaveLength(1)
    })

    it('hands each due message to one sender, then retries or settles it', async () => {
      const due = new Date('2040-01-01T00:00:00.000Z')
      const later = (ms: number) => new Date(due.getTime() + ms)
      const userId = randomUUID()
      await platform().addOutbox({ userId, template: 'a', payload: {} }, due)
      await platform().addOutbox({ userId, template: 'b', payload: {} }, later(1))
      expect((await platform().dueOutbox(later(-1), 1000)).filter((m) => m.userId === userId)).toEqual([])
      const [first, second] = (await platform().dueOutbox(later(1), 1000)).filter((m) => m.userId === userId)
      expect([first.template, second.template]).toEqual(['a', 'b'])
      const leases = await Promise.all(
        [1, 2, 3, 4, 5].map(() => platform().leaseOutbox(first.id, later(1), later(60_000))),
      )
      expect(leases.filter(Boolean)).toHaveLength(1)
      expect((await platform().dueOutbox(later(2), 1000)).map((m) => m.id)).not.toContain(first.id)
      await platform().settleOutbox(first.id, { sent: false, error: 'busy', retryAt: later(120_000) }, later(2))
      expect((await platform().dueOutbox(later(119_999), 1000)).map((m) => m.id)).not.toContain(first.id)
      const retried = (await platform().dueOutbox(later(120_000), 1000)).find((m) => m.id === first.id)
      expect(retried).toMatchObject({ status: 'pending', attempts: 1 })
      expect(await platform().leaseOutbox(first.id, later(120_000), later(180_000))).toBe(true)
      await platform().settleOutbox(first.id, { sent: true }, later(120_001))
      expect(await platform().leaseOutbox(second.id, later(1), later(60_000))).toBe(true)
      await platform().settleOutbox(second.id, { sent: false, error: 'refused', retryAt: null }, later(2))
      const settled = await platform().listOutbox(userId)
      expect(settled.map((m) => [m.template, m.status, m.attempts])).toEqual([
        ['b', 'failed', 1],
        ['a', 'sent', 2],
      ])
      expect((await platform().dueOutbox(later(10 ** 9), 1000)).filter((m) => m.userId === userId)).toEqual([])
    })

    it('appends audit entries and lists them newest first', async () => {
      const actorId = randomUUID()
      await platform().appendAudit(
        { actorId, fn: 'identity', action: 'setRole', target: 'a', details: { grant: true } },
        at,
      )
      await platform().appendAudit({ actorId, fn: 'identity', action: 'setRole', target: 'b', details: {} }, at)
      const [latest, previous] = await platform().listAudit(2)
      expect(latest).toMatchObject({ actorId, target: 'b', details: {}, at: at.toISOString() })
      expect(previous).toMatchObject({ actorId, target: 'a', details: { grant: true } })
      expect(latest.id).toBeGreaterThan(previous.id)
    })

    it('filters audit entries by target and time, naming the actor', async () => {
      const actor = await harness().repos.identity.upsertUser({
        openid: `openid-${randomUUID()}`,
        name: '审计员',
        roles: ['admin'],
        departmentId: null,
      })
      const target = randomUUID()
      const minutes = (n: number) => new Date(at.getTime() + n * 60_000)
      for (const n of [1, 2, 3]) {
        await platform().appendAudit(
          { actorId: actor.id, fn: 'identity', action: 'setRole', target, details: { n } },
          minutes(n),
        )
      }
      await platform().appendAudit(
        { actorId: actor.id, fn: 'identity', action: 'setRole', target: 'other', details: {} },
        minutes(2),
      )
      const inRange = await platform().listAudit(10, { target, from: minutes(2), to: minutes(3) })
      expect(inRange.map((entry) => entry.details)).toEqual([{ n: 2 }])
      expect(inRange[0].actorName).toBe('审计员')
      expect((await platform().listAudit(10, { target })).map((entry) => entry.details)).toEqual([
        { n: 3 },
        { n: 2 },
        { n: 1 },
      ])
    })
  })
}
