import { inArrivalOrder, TurnQueue } from '../../src/cloud/storage/pglite/turns'

const spin = (ms: number) => {
  const end = performance.now() + ms
  while (performance.now() < end);
}

/** A job shaped like a PGlite statement: synchronous work inside a promise callback. */
const statement = (ms: number, onRun?: () => void) => async () => {
  await Promise.resolve()
  onRun?.()
  spin(ms)
}

describe('TurnQueue', () => {
  it('runs one job at a time', async () => {
    const queue = new TurnQueue()
    let active = 0
    let most = 0
    await Promise.all(
      Array.from({ length: 20 }, () =>
        queue.run(async () => {
          most = Math.max(most, ++active)
          await new Promise((resolve) => setTimeout(resolve, 1))
          active--
        }),
      ),
    )
    expect(most).toBe(1)
  })

  it('lets the event loop take turns while a long queue drains', async () => {
    const queue = new TurnQueue()
    let ran = 0
    let ranBeforeLoopTurn = -1
    const jobs = Array.from({ length: 100 }, () => queue.run(statement(1, () => ran++)))
    setImmediate(() => (ranBeforeLoopTurn = ran))
    await Promise.all(jobs)
    expect(ranBeforeLoopTurn).toBeGreaterThanOrEqual(0)
    expect(ranBeforeLoopTurn).toBeLessThan(20)
  })

  it('serves the request that arrived first before later ones', async () => {
    const queue = new TurnQueue()
    const order: string[] = []
    const blocker = queue.run(statement(10))
    const late = inArrivalOrder(200, () => queue.run(statement(0, () => order.push('late'))))
    const early = inArrivalOrder(100, () => queue.run(statement(0, () => order.push('early'))))
    await Promise.all([blocker, late, early])
    expect(order).toEqual(['early', 'late'])
  })

  it('passes a failed job on to its caller and keeps serving the rest', async () => {
    const queue = new TurnQueue()
    const failed = queue.run(async () => {
      throw new Error('constraint')
    })
    const next = queue.run(async () => 'served')
    await expect(failed).rejects.toThrow('constraint')
    await expect(next).resolves.toBe('served')
  })
})
