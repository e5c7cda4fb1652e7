import type { Accumulator, AggregateCommand, Value, Where } from '../../src/cloud/storage/cloudbase/db'
import { compare, matches } from './cloud-db-query'
import type { Stored } from './cloud-db-workspace'

/**
 * The stand-in's aggregation: the stages the repositories use (match, group with `$.sum`, sort,
 * skip, limit), run over a collection's documents as the database runs them on its side, so a call
 * is one round trip whatever the number of documents matched. An aggregation without a limit is
 * refused: the SDK's default output is small, and a repository must say how many groups it reads.
 */
class Sum {
  constructor(readonly of: string | number) {}
}

export const aggregateCommand: AggregateCommand = {
  sum: (of) => new Sum(of) as unknown as Accumulator,
}

export type Stage =
  | { match: Where }
  | { group: Record<string, unknown> }
  | { sort: Record<string, 1 | -1> }
  | { skip: number }
  | { limit: number }

const fieldOf = (path: unknown) => (typeof path === 'string' && path.startsWith('$') ? path.slice(1) : null)

function group(docs: Stored[], spec: Record<string, unknown>): Stored[] {
  const key = fieldOf(spec._id)
  if (key === null) throw new Error(`stand-in: group _id must name a field ('$field'), got ${String(spec._id)}`)
  const groups = new Map<string, Stored>()
  for (const doc of docs) {
    const id = (doc[key] ?? null) as Value
    const groupKey = JSON.stringify(id)
    const out = groups.get(groupKey) ?? ({ _id: id } as unknown as Stored)
    for (const [field, accumulator] of Object.entries(spec)) {
      if (field === '_id') continue
      if (!(accumulator instanceof Sum)) throw new Error(`stand-in: only $.sum is supported, in ${field}`)
      const source = fieldOf(accumulator.of)
      const value = source === null ? accumulator.of : doc[source]
      out[field] = ((out[field] as number | undefined) ?? 0) + (typeof value === 'number' ? value : 0)
    }
    groups.set(groupKey, out)
  }
  return [...groups.values()]
}

function sorted(docs: Stored[], spec: Record<string, 1 | -1>): Stored[] {
  return [...docs].sort((a, b) => {
    for (const [field, direction] of Object.entries(spec)) {
      const c = compare(a[field], b[field])
      if (c !== 0) return direction * c
    }
    return 0
  })
}

/** Runs the stages over the documents, in order. */
export function runStages(docs: Stored[], stages: Stage[]): Stored[] {
  if (!stages.some((stage) => 'limit' in stage)) throw new Error('stand-in: an aggregation needs a limit stage')
  let out = docs
  for (const stage of stages) {
    if ('match' in stage) out = out.filter((doc) => matches(doc, stage.match))
    else if ('group' in stage) out = group(out, stage.group)
    else if ('sort' in stage) out = sorted(out, stage.sort)
    else if ('skip' in stage) out = out.slice(stage.skip)
    else out = out.slice(0, stage.limit)
  }
  return out
}
