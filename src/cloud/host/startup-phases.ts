/**
 * Wall and CPU time of each step of a host start, so `HOST_TIMINGS=1 npm run host` and `npm run bench
 * host-start` can show where a start on a seeded data directory goes. The CPU time (the whole process's,
 * WebAssembly compiler threads included) is the work itself; on a busy machine the wall time also
 * holds the waiting for a core.
 */
export interface StartupPhase {
  phase: string
  ms: number
  cpuMs: number
}

export interface StartupPhases {
  /** Closes the phase running since the previous mark (or since the phases began). */
  mark(phase: string): void
  readonly phases: ReadonlyArray<StartupPhase>
}

const cpuMs = () => {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1000
}

/** Both clocks since the process started: Node itself and every module loaded so far. */
export function sinceProcessStart(phase: string): StartupPhase {
  return { phase, ms: performance.now(), cpuMs: cpuMs() }
}

export function startupPhases(): StartupPhases {
  const phases: StartupPhase[] = []
  let since = performance.now()
  let cpuSince = cpuMs()
  return {
    mark(phase) {
      const [now, cpuNow] = [performance.now(), cpuMs()]
      phases.push({ phase, ms: now - since, cpuMs: cpuNow - cpuSince })
      ;[since, cpuSince] = [now, cpuNow]
    },
    phases,
  }
}

/** One line, `phase 12 ms (cpu 10) · phase 340 ms (cpu 200)`, the form the host-start bench reads back. */
export function formatPhases(phases: ReadonlyArray<StartupPhase>): string {
  return phases.map(({ phase, ms, cpuMs }) => `${phase} ${Math.round(ms)} ms (cpu ${Math.round(cpuMs)})`).join(' · ')
}
