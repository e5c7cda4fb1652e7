export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

/** The dev host's clock: tests move it forward to reach SLA deadlines and expiry without waiting. */
export class AdjustableClock implements Clock {
  private offsetMs = 0

  now(): Date {
    return new Date(Date.now() + this.offsetMs)
  }

  set(at: Date | null) {
    this.offsetMs = at ? at.getTime() - Date.now() : 0
  }
}
