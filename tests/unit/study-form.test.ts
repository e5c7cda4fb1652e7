import { blankForm } from '../../src/stores/study/form'

describe('a new session form', () => {
  afterEach(() => jest.useRealTimers())

  it('starts at the next half hour, China time, and lasts an hour', () => {
    jest.useFakeTimers({ now: new Date('2026-11-30T02:10:00Z') })
    expect(blankForm(null)).toMatchObject({ date: '2026-11-30', startTime: '10:30', endTime: '11:30' })
  })

  it('late in the evening ends at 23:59 of the same day instead of an end before its start', () => {
    jest.useFakeTimers({ now: new Date('2026-11-30T14:31:00Z') })
    expect(blankForm(null)).toMatchObject({ date: '2026-11-30', startTime: '23:00', endTime: '23:59' })
  })
})
