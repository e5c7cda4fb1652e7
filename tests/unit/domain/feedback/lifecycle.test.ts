import {
  autoCloseOf,
  guardHolds,
  mayCloseWithoutReason,
  moveOf,
  STEPS,
  withdrawalOf,
} from '../../../../src/cloud/domain/feedback/lifecycle'
import type { Actor } from '../../../../src/cloud/domain/feedback/repo'

const DAY = 24 * 3600_000
const at = new Date('2026-04-01T02:00:00.000Z')
const manager: Actor = { id: 'manager-1', role: 'manager' }
const patient: Actor = { id: 'patient-1', role: 'patient' }
const item = (over: Partial<{ patientId: string; reopenCount: number; repliedAt: string | null }> = {}) => ({
  patientId: 'patient-1',
  reopenCount: 0,
  repliedAt: at.toISOString(),
  ...over,
})

describe('the feedback lifecycle', () => {
  it('chains a complaint submitted → accepted → replied → closed, and praise pending → decided', () => {
    expect([STEPS.accept, STEPS.reply, STEPS.confirm].map((s) => [s.from, s.to])).toEqual([
      ['submitted', 'accepted'],
      ['accepted', 'replied'],
      ['replied', 'closed'],
    ])
    expect([STEPS.reopen.from, STEPS.reopen.to]).toEqual(['replied', 'accepted'])
    expect([STEPS.approve.kind, STEPS.approve.from, STEPS.reject.to]).toEqual(['praise', 'pending', 'rejected'])
  })

  it('lets each step be taken only by who it names', () => {
    expect(moveOf({ action: 'accept' }, patient, at)).toBeNull()
    expect(moveOf({ action: 'confirm', rating: 5 }, manager, at)).toBeNull()
    expect(moveOf({ action: 'approve' }, manager, at)).toBeNull()
    expect(moveOf({ action: 'close', reason: '无法联系患者' }, patient, at)).toBeNull()
    expect(moveOf({ action: 'accept' }, manager, at)).toMatchObject({
      writes: { acceptedAt: at, handlerId: 'manager-1' },
    })
  })

  it('binds confirm and reopen to the item’s patient, and reopen to the first time within the window', () => {
    const confirm = moveOf({ action: 'confirm', rating: 4 }, patient, at)
    expect(confirm).toMatchObject({ guard: { patientId: 'patient-1' }, note: '评价 4 星' })
    const since = new Date(at.getTime() - DAY)
    const reopen = moveOf({ action: 'reopen', reason: '仍未解决', repliedSince: since }, patient, at)!
    expect(reopen.writes.reopenCount).toBe('increment')
    expect(guardHolds(reopen.guard, item())).toBe(true)
    expect(guardHolds(reopen.guard, item({ reopenCount: 1 }))).toBe(false)
    expect(guardHolds(reopen.guard, item({ patientId: 'someone-else' }))).toBe(false)
    expect(guardHolds(reopen.guard, item({ repliedAt: since.toISOString() }))).toBe(false)
  })

  it('lets a manager close a reply without a reason only once the 7-day window is over', () => {
    const plain = moveOf({ action: 'close', reason: null }, manager, at)!
    expect(guardHolds(plain.guard, item({ repliedAt: new Date(at.getTime() - DAY).toISOString() }))).toBe(false)
    expect(guardHolds(plain.guard, item({ repliedAt: new Date(at.getTime() - 7 * DAY).toISOString() }))).toBe(true)
    const early = moveOf({ action: 'close', reason: '电话无人接听' }, manager, at)!
    expect(early).toMatchObject({ guard: {}, note: '电话无人接听' })
    expect(guardHolds(early.guard, item())).toBe(true)

    const repliedAt = new Date(at.getTime() - 7 * DAY + 1)
    expect(mayCloseWithoutReason(repliedAt, at)).toBe(false)
    expect(mayCloseWithoutReason(new Date(at.getTime() - 7 * DAY), at)).toBe(true)
    expect(mayCloseWithoutReason(null, at)).toBe(false)
  })

  it('closes by itself with a note, and withdraws an erased author’s pending praise', () => {
    const cutoff = new Date(at.getTime() - 7 * DAY)
    expect(autoCloseOf(cutoff, at)).toMatchObject({
      step: STEPS.close,
      guard: { repliedBy: cutoff },
      note: '回复后7天未确认，自动办结',
    })
    expect(moveOf({ action: 'close', reason: null }, { id: null, role: 'system' }, at)?.note).toBe(
      '回复后7天未确认，自动办结',
    )
    expect(withdrawalOf('patient-1', at)).toMatchObject({ step: STEPS.reject, guard: { patientId: 'patient-1' } })
  })
})
