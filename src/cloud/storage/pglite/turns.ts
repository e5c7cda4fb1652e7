import { AsyncLocalStorage } from 'node:async_hooks'

/**
 * When the request a statement serves arrived (a `performance.now()` reading). Database work runs
 * in that order, so a request already under way finishes before newer ones start.
 */
const arrival = new AsyncLocalStorage<number>()

/** Runs `work` (one request's handling) with its statements ordered by when it `arrivedAt`. */
export function inArrivalOrder<T>(arrivedAt: number, work: () => T): T {
  return arrival.run(arrivedAt, work)
}

/** How long statements may run back to back before the event loop gets a turn. */
const SLICE_MS = 4

interface Job {
  order: number
  seq: number
  start(): void
}

const before = (a: Job, b: Job) => a.order < b.order || (a.order === b.order && a.seq < b.seq)

/**
 * One database statement or transaction at a time, earliest request first, yielding to the event
 * loop every few milliseconds.
 *
 * PGlite executes a statement synchronously inside a promise callback, and its own lock hands over
 * to the next waiter in a microtask. Under load a whole queue of statements therefore ran inside a
 * single event-loop turn, hundreds of milliseconds long. Node 20's libuv accepts one new connection
 * per turn, so callers on kept-alive connections were served every turn while a caller on a fresh
 * connection waited until the load stopped: the 29 s `survey.alerts` and `volunteer.pending` of
 * issue 17. Short turns let the loop accept between statements; the arrival order keeps an action
 * with several statements from queueing once per statement behind everyone else.
 */
export class TurnQueue {
  private readonly waiting: Job[] = []
  private running = false
  private seq = 0
  private sliceStart = 0

  run<T>(work: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const job: Job = {
        order: arrival.getStore() ?? performance.now(),
        seq: this.seq++,
        start: () => {
          work()
            .then(resolve, reject)
            .finally(() => this.next())
        },
      }
      this.enqueue(job)
      if (!this.running) this.next()
    })
  }

  private enqueue(job: Job) {
    let low = 0
    let high = this.waiting.length
    while (low < high) {
      const mid = (low + high) >>> 1
      if (before(this.waiting[mid], job)) low = mid + 1
      else high = mid
    }
    this.waiting.splice(low, 0, job)
  }

  private next() {
    this.running = this.waiting.length > 0
    if (!this.running) return
    if (performance.now() - this.sliceStart < SLICE_MS) return void this.waiting.shift()?.start()
    setImmediate(() => {
      this.sliceStart = performance.now()
      this.waiting.shift()?.start()
    })
  }
}
