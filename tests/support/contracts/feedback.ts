import { randomUUID } from 'node:crypto'
import type { Actor, NewFeedback } from '../../../src/cloud/domain/feedback/repo'
import type { RepoHarness } from '../repo-adapters'

const at = new Date('2026-04-01T02:00:00.000Z')
const hours = (n: number, from = at) => new Date(from.getTime() + n * 3600_000)
const month = '2026-04'

export function feedbackContract(harness: () => RepoHarness): void {
  describe('feedback', () => {
    const feedback = () => harness().repos.feedback
    const identity = () => harness().repos.identity
    const newUser = () => identity().ensureUser(`openid-${randomUUID()}`)
    const manager: Actor = { id: null, role: 'manager' }

    async function submitted(kind: 'complaint' | 'praise', over: Partial<NewFeedback> = {}, when = at) {
      const patient = await newUser()
      const department = await harness().fixtures.department()
      const staff = await harness().fixtures.rosterEntry(department.id)
      const item: NewFeedback = {
        kind,
        patientId: patient.id,
        departmentId: department.id,
        departmentName: department.name,
        employeeNo: staff.employeeNo,
        staffName: staff.name,
        categories: ['服务态度'],
        text: '护士态度很好，耐心解答了我的问题。',
        contactPhone: '13800138000',
        anonymous: false,
        heldReasons: [],
        month,
        ...over,
      }
      const id = await feedback().create(item, { id: patient.id, role: 'patient' }, when)
      return { id, patient, department, staff }
    }

    it('stores an item with its contact phone for the handler and a first history row', async () => {
      const { id, patient, department, staff } = await submitted('complaint')
      expect(await feedback().find(id)).toMatchObject({
        id,
        kind: 'complaint',
        status: 'submitted',
        patientId: patient.id,
        departmentId: department.id,
        departmentName: department.name,
        employeeNo: staff.employeeNo,
        staffName: staff.name,
        staffTitle: staff.title,
        contactPhone: '13800138000',
        heldReasons: [],
        createdAt: at.toISOString(),
        acceptedAt: null,
        reopenCount: 0,
      })
      expect(await feedback().history(id)).toEqual([
        {
          action: 'submit',
          fromStatus: null,
          toStatus: 'submitted',
          actor: 'patient',
          note: null,
          at: at.toISOString(),
        },
      ])
      expect((await feedback().listMine(patient.id)).map((r) => r.id)).toEqual([id])
      expect(await feedback().find(randomUUID())).toBeNull()
    })

    it('lets exactly one of 20 concurrent accepts win, refuses a reply before accept, and keeps history in order', async () => {
      const { id, patient } = await submitted('complaint')
      const reply = { action: 'reply' as const, text: '已核实并改进', upheld: true }
      expect(await feedback().transition(id, reply, manager, hours(1))).toBeNull()
      const accepts = await Promise.all(
        Array.from({ length: 20 }, () => feedback().transition(id, { action: 'accept' }, manager, hours(1))),
      )
      expect(accepts.filter((r) => r !== null)).toHaveLength(1)
      const replies = await Promise.all([1, 2, 3].map(() => feedback().transition(id, reply, manager, hours(2))))
      expect(replies.filter((r) => r !== null)).toHaveLength(1)
      expect(await feedback().transition(id, { action: 'approve' }, manager, hours(2))).toBeNull()
      expect(await feedback().transition(id, { action: 'confirm', rating: 5 }, manager, hours(3))).toBeNull()
      const patientActor: Actor = { id: patient.id, role: 'patient' }
      const confirmed = await feedback().transition(id, { action: 'confirm', rating: 4 }, patientActor, hours(3))
      expect(confirmed).toMatchObject({ status: 'closed', rating: 4, upheld: true, replyText: '已核实并改进' })
      expect((await feedback().history(id)).map((h) => [h.action, h.fromStatus, h.toStatus, h.actor, h.note])).toEqual([
        ['submit', null, 'submitted', 'patient', null],
        ['accept', 'submitted', 'accepted', 'manager', null],
        ['reply', 'accepted', 'replied', 'manager', '已核实并改进'],
        ['confirm', 'replied', 'closed', 'patient', '评价 4 星'],
      ])
    })

    it('reopens a reply once, by its patient, within the window', async () => {
      const { id, patient } = await submitted('complaint')
      const patientActor: Actor = { id: patient.id, role: 'patient' }
      await feedback().transition(id, { action: 'accept' }, manager, hours(1))
      await feedback().transition(id, { action: 'reply', text: '已处理', upheld: false }, manager, hours(2))
      const reopen = { action: 'reopen' as const, reason: '仍未解决', repliedSince: hours(1) }
      expect(await feedback().transition(id, reopen, manager, hours(3))).toBeNull()
      expect(await feedback().transition(id, { ...reopen, repliedSince: hours(2) }, patientActor, hours(3))).toBeNull()
      const reopens = await Promise.all([1, 2].map(() => feedback().transition(id, reopen, patientActor, hours(3))))
      expect(reopens.filter((r) => r !== null)).toEqual([
        expect.objectContaining({ status: 'accepted', reopenCount: 1, reopenedAt: hours(3).toISOString() }),
      ])
      await feedback().transition(id, { action: 'reply', text: '再次处理', upheld: false }, manager, hours(4))
      expect(await feedback().transition(id, reopen, patientActor, hours(5))).toBeNull()
    })

    it('closes a reply for a manager only after the confirm window, or early with a reason it records', async () => {
      const { id: early } = await submitted('complaint')
      const { id: late } = await submitted('complaint')
      for (const id of [early, late]) {
        await feedback().transition(id, { action: 'accept' }, manager, hours(1))
        await feedback().transition(id, { action: 'reply', text: '已处理', upheld: false }, manager, hours(2))
      }
      const close = { action: 'close' as const, reason: null }
      expect(await feedback().transition(early, close, manager, hours(3))).toBeNull()
      expect(await feedback().transition(late, close, manager, hours(2 + 24 * 7))).toMatchObject({ status: 'closed' })
      const reason = '电话无人接听，提前办结'
      expect(await feedback().transition(early, { action: 'close', reason }, manager, hours(4))).toMatchObject({
        status: 'closed',
        closedAt: hours(4).toISOString(),
      })
      expect((await feedback().history(early)).at(-1)).toMatchObject({
        action: 'close',
        actor: 'manager',
        note: reason,
      })
      const patientClose = await feedback().transition(
        late,
        { action: 'close', reason },
        { id: null, role: 'patient' },
        hours(5),
      )
      expect(patientClose).toBeNull()
    })

    it('closes expired replies once with a system history row', async () => {
      const base = hours(24 * 400)
      const { id } = await submitted('complaint', {}, base)
      await feedback().transition(id, { action: 'accept' }, manager, hours(1, base))
      await feedback().transition(id, { action: 'reply', text: '已处理', upheld: false }, manager, hours(2, base))
      expect((await feedback().closeExpired(hours(1, base), hours(3, base))).map((r) => r.id)).not.toContain(id)
      const sweeps = await Promise.all([1, 2].map(() => feedback().closeExpired(hours(2, base), hours(200, base))))
      expect(sweeps.flat().filter((r) => r.id === id)).toEqual([
        expect.objectContaining({ status: 'closed', closedAt: hours(200, base).toISOString() }),
      ])
      expect((await feedback().history(id)).at(-1)).toEqual({
        action: 'close',
        fromStatus: 'replied',
        toStatus: 'closed',
        actor: 'system',
        note: '回复后7天未确认，自动办结',
        at: hours(200, base).toISOString(),
      })
    })

    it('lists the queue by department and overdue', async () => {
      const { id, department } = await submitted('complaint')
      const queue = { departmentId: department.id }
      expect((await feedback().listQueue(queue)).map((r) => r.id)).toEqual([id])
      const overdue = (now: Date) => ({ now, acceptBy: hours(-24, now), replyBy: hours(-72, now) })
      expect(await feedback().listQueue({ ...queue, overdue: overdue(hours(23)) })).toEqual([])
      expect((await feedback().listQueue({ ...queue, overdue: overdue(hours(25)) })).map((r) => r.id)).toEqual([id])
      await feedback().transition(id, { action: 'accept' }, manager, hours(1))
      expect(await feedback().listQueue({ ...queue, overdue: overdue(hours(25)) })).toEqual([])
      expect((await feedback().listQueue({ ...queue, overdue: overdue(hours(73)) })).map((r) => r.id)).toEqual([id])
      expect(await feedback().listQueue({ ...queue, status: 'submitted' })).toEqual([])
    })

    it('approves praise once, records the staff mention, and shows it to the bound staff member', async () => {
      const { id, staff } = await submitted('praise')
      expect((await feedback().listPendingPraise()).map((r) => r.id)).toContain(id)
      const admin: Actor = { id: null, role: 'admin' }
      const decisions = await Promise.all(
        Array.from({ length: 6 }, () => feedback().transition(id, { action: 'approve' }, admin, hours(1))),
      )
      expect(decisions.filter((d) => d !== null)).toEqual([
        expect.objectContaining({ status: 'approved', decidedAt: hours(1).toISOString() }),
      ])
      expect(await feedback().transition(id, { action: 'reject', reason: '重复' }, admin, hours(2))).toBeNull()
      expect((await feedback().listApprovedPraise(1000)).map((r) => r.id)).toContain(id)
      expect(await feedback().tallyMonth(month)).toContainEqual(
        expect.objectContaining({ employeeNo: staff.employeeNo, praise: 1, surveyMentions: 0, upheldComplaints: 0 }),
      )
      const user = await newUser()
      expect(await feedback().listPraiseOf(user.id)).toEqual([])
      await identity().requestStaffBinding(user.id, staff.employeeNo, at)
      await identity().decideStaffBinding(user.id, true, randomUUID(), at)
      expect((await feedback().listPraiseOf(user.id)).map((r) => r.id)).toEqual([id])
    })

    it('serves the phrase book, scene by scene in book order', async () => {
      const greeting = await feedback().listPhrases({ scene: '导诊/挂号' })
      expect(greeting[0]).toMatchObject({ scene: '导诊/挂号', situation: '患者进门询问' })
      expect(greeting.every((p) => p.scene === '导诊/挂号')).toBe(true)
      expect((await feedback().listPhrases({ q: '自助机' })).map((p) => p.situation)).toContain('老人不会用自助机')
    })

    it('saves phrases and lists them by scene and search', async () => {
      const situation = `情境-${randomUUID().slice(0, 8)}`
      const saved = await feedback().savePhrase(
        { scene: '候诊', situation, recommended: ['请稍候'], forbidden: ['等着'] },
        at,
      )
      expect(saved).toEqual({
        id: expect.any(String),
        scene: '候诊',
        situation,
        recommended: ['请稍候'],
        forbidden: ['等着'],
      })
      expect(await feedback().listPhrases({ scene: '候诊', q: situation })).toEqual([saved])
      expect(await feedback().listPhrases({ scene: '诊室', q: situation })).toEqual([])
      const changed = {
        id: saved?.id,
        scene: '候诊' as const,
        situation,
        recommended: ['请您稍候'],
        forbidden: ['等着'],
      }
      expect(await feedback().savePhrase(changed, hours(1))).toEqual(changed)
      expect(await feedback().savePhrase(changed, hours(1))).toEqual(changed)
      expect(await feedback().savePhrase({ ...changed, id: randomUUID() }, hours(1))).toBeNull()
    })

    it('lists every entry of a phrase book longer than a server page exactly once', async () => {
      const situation = `长手册-${randomUUID().slice(0, 8)}`
      for (let i = 0; i < 1050; i++) {
        await feedback().savePhrase(
          { scene: '电话', situation: `${situation}-${i}`, recommended: ['您好'], forbidden: ['喂'] },
          at,
        )
      }
      const listed = (await feedback().listPhrases({ scene: '电话', q: situation })).map((p) => p.situation)
      expect(listed).toHaveLength(1050)
      expect(new Set(listed).size).toBe(1050)
    })

    it('publishes stars for a month, replacing that month whole', async () => {
      const department = await harness().fixtures.department()
      const [a, b] = await Promise.all([1, 2].map(() => harness().fixtures.rosterEntry(department.id)))
      const by = (await newUser()).id
      const starMonth = '2099-01'
      await feedback().publishStars(
        starMonth,
        [{ employeeNo: a.employeeNo, departmentId: department.id, score: 5 }],
        by,
        at,
      )
      await feedback().publishStars(
        starMonth,
        [
          { employeeNo: a.employeeNo, departmentId: department.id, score: 3 },
          { employeeNo: b.employeeNo, departmentId: department.id, score: 9 },
        ],
        by,
        hours(1),
      )
      const published = await feedback().publishedStars(null)
      expect(published?.month).toBe(starMonth)
      expect(published?.stars.map((s) => [s.employeeNo, s.score, s.name, s.publishedAt])).toEqual([
        [b.employeeNo, 9, b.name, hours(1).toISOString()],
        [a.employeeNo, 3, a.name, hours(1).toISOString()],
      ])
      expect(await feedback().publishedStars('2098-12')).toBeNull()
    })
  })
}
