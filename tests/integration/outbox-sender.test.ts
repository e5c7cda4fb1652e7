import { drainOutbox, loadSubscribeTemplates, type SubscribeMessage } from '../../src/cloud/core/outbox-sender'
import { silentLogger } from '../../src/cloud/core/logger'
import { REPO_ADAPTERS, type RepoHarness } from '../support/repo-adapters'

const TEMPLATES = loadSubscribeTemplates({
  RENXIN_SUBSCRIBE_TEMPLATES: JSON.stringify({
    helpClaimed: {
      id: 'TPL-CLAIMED',
      page: 'pages/volunteer/help/index',
      data: { thing1: 'volunteer', thing2: 'note' },
    },
  }),
})

describe.each(REPO_ADAPTERS)('subscribe-message delivery on $name', (adapter) => {
  let harness: RepoHarness
  beforeAll(async () => {
    harness = await adapter.open()
  })
  afterAll(async () => {
    await harness.close()
  })

  it('sends due messages with the configured template, retries a refusal, and never sends twice', async () => {
    const now = new Date('2050-05-01T00:00:00.000Z')
    const minutes = (n: number) => new Date(now.getTime() + n * 60_000)
    const { repos } = harness
    const alice = await repos.identity.ensureUser('openid-alice')
    const bob = await repos.identity.ensureUser('openid-bob')
    await repos.platform.addOutbox(
      {
        userId: alice.id,
        template: 'helpClaimed',
        payload: { volunteer: '张三', note: '一二三四五六七八九十一二三四五六七八九十一二三' },
      },
      now,
    )
    await repos.platform.addOutbox({ userId: bob.id, template: 'helpClaimed', payload: { volunteer: '李四' } }, now)
    await repos.platform.addOutbox({ userId: bob.id, template: 'unconfigured', payload: {} }, now)

    const sent: SubscribeMessage[] = []
    let refuseBob = true
    const send = async (message: SubscribeMessage) => {
      if (message.touser === 'openid-bob' && refuseBob) throw new Error('errCode 43101')
      sent.push(message)
    }
    // Two timers firing at once still deliver each message once.
    const [one, two] = await Promise.all([1, 2].map(() => drainOutbox(repos, send, TEMPLATES, now, silentLogger)))
    expect(one.sent + two.sent).toBe(1)
    expect(one.retrying + two.retrying).toBe(1)
    expect(one.failed + two.failed).toBe(1)
    expect(sent).toEqual([
      {
        touser: 'openid-alice',
        templateId: 'TPL-CLAIMED',
        page: 'pages/volunteer/help/index',
        data: { thing1: { value: '张三' }, thing2: { value: '一二三四五六七八九十一二三四五六七八九十' } },
      },
    ])
    refuseBob = false
    expect(await drainOutbox(repos, send, TEMPLATES, minutes(1), silentLogger)).toEqual({
      sent: 0,
      retrying: 0,
      failed: 0,
    })
    expect(await drainOutbox(repos, send, TEMPLATES, minutes(2), silentLogger)).toEqual({
      sent: 1,
      retrying: 0,
      failed: 0,
    })
    expect(sent.map((m) => m.touser)).toEqual(['openid-alice', 'openid-bob'])
    const bobs = await repos.platform.listOutbox(bob.id)
    expect(bobs.map((m) => [m.template, m.status, m.attempts])).toEqual([
      ['unconfigured', 'failed', 1],
      ['helpClaimed', 'sent', 2],
    ])
  })

  it('gives up after five refusals', async () => {
    const start = new Date('2060-01-01T00:00:00.000Z')
    const { repos } = harness
    const carol = await repos.identity.ensureUser('openid-carol')
    await repos.platform.addOutbox({ userId: carol.id, template: 'helpClaimed', payload: {} }, start)
    const refuse = async () => {
      throw new Error('refused')
    }
    const reports = []
    for (let hour = 0; hour < 6; hour++) {
      reports.push(
        await drainOutbox(repos, refuse, TEMPLATES, new Date(start.getTime() + hour * 3_600_000), silentLogger),
      )
    }
    expect(reports.map((r) => [r.retrying, r.failed])).toEqual([
      [1, 0],
      [1, 0],
      [1, 0],
      [1, 0],
      [0, 1],
      [0, 0],
    ])
    expect(await repos.platform.listOutbox(carol.id)).toMatchObject([{ status: 'failed', attempts: 5 }])
  })
})
