import createTemplate from '../support/template-db'
import { startTestHost, type TestHost } from '../support/test-host'

export interface LatencyStats {
  count: number
  p50: number
  p95: number
  max: number
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}

export function stats(samplesMs: number[]): LatencyStats {
  const sorted = [...samplesMs].sort((a, b) => a - b)
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max: sorted[sorted.length - 1],
  }
}

/** Starts `count` calls at once and times each from the start of the burst to its answer. */
export async function burst<T>(
  count: number,
  call: (i: number) => Promise<T>,
): Promise<{ results: T[]; latencies: number[] }> {
  const started = performance.now()
  const latencies: number[] = new Array(count)
  const results = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const result = await call(i)
      latencies[i] = performance.now() - started
      return result
    }),
  )
  return { results, latencies }
}

export const ms = (value: number) => `${value.toFixed(1)} ms`

export function report(title: string, rows: Record<string, string | number>) {
  console.log(`\n## ${title}`)
  for (const [key, value] of Object.entries(rows)) console.log(`  ${key.padEnd(38)} ${value}`)
}

/** A host over a fresh copy of the seeded template, as the integration tests use. */
export async function benchHost(): Promise<TestHost> {
  await createTemplate()
  return startTestHost()
}
