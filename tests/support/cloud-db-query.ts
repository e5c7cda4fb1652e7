import type {
  Command,
  Patch,
  QueryOperator,
  Scalar,
  UpdateOperator,
  Value,
  Where,
} from '../../src/cloud/storage/cloudbase/db'
import type { Stored } from './cloud-db-workspace'

/**
 * How the cloud-database stand-in reads a query and applies an update: the command operators
 * (`_.gt`, `_.in`, `_.inc`, `_.remove` …), matching a document against a `where`, ordering values as
 * the database does, and a patch applied to a stored document. No state lives here.
 */
class Operator {
  constructor(readonly test: (value: Value | undefined) => boolean) {}
  and(other: QueryOperator): QueryOperator {
    const second = asOperator(other)
    return new Operator((value) => this.test(value) && second.test(value)) as unknown as QueryOperator
  }
}

class Inc {
  constructor(readonly by: number) {}
}

class Remove {}

function asOperator(value: unknown): Operator {
  if (!(value instanceof Operator)) throw new Error('stand-in: not a query operator')
  return value
}

/** MongoDB's order of types: null (and missing) < numbers < strings < booleans. */
function rank(value: Value | undefined): number {
  if (value === null || value === undefined) return 0
  if (typeof value === 'number') return 1
  if (typeof value === 'string') return 2
  if (typeof value === 'boolean') return 3
  return 4
}

export function compare(a: Value | undefined, b: Value | undefined): number {
  const byRank = rank(a) - rank(b)
  if (byRank !== 0) return byRank
  if (typeof a === 'number' && typeof b === 'number') return a - b
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b)
  return 0
}

function equals(value: Value | undefined, expected: Scalar): boolean {
  if (expected === null) return value === null || value === undefined
  if (Array.isArray(value)) return value.some((item) => item === expected)
  return value === expected
}

const comparable = (value: Value | undefined, bound: string | number) =>
  typeof value === typeof bound && (typeof value === 'string' || typeof value === 'number')

const operator = (test: (value: Value | undefined) => boolean) => new Operator(test) as unknown as QueryOperator

export const command: Omit<Command, 'aggregate'> = {
  eq: (expected) => operator((value) => equals(value, expected)),
  neq: (expected) => operator((value) => !equals(value, expected)),
  lt: (bound) => operator((value) => comparable(value, bound) && compare(value, bound) < 0),
  lte: (bound) => operator((value) => comparable(value, bound) && compare(value, bound) <= 0),
  gt: (bound) => operator((value) => comparable(value, bound) && compare(value, bound) > 0),
  gte: (bound) => operator((value) => comparable(value, bound) && compare(value, bound) >= 0),
  in: (values) => operator((value) => values.some((expected) => equals(value, expected))),
  nin: (values) => operator((value) => !values.some((expected) => equals(value, expected))),
  or: (conditions) => operator((doc) => conditions.some((where) => matches(doc as Stored, where))),
  inc: (by) => new Inc(by) as unknown as UpdateOperator,
  remove: () => new Remove() as unknown as UpdateOperator,
}

export function matches(doc: Stored, where: Where | QueryOperator): boolean {
  // A whole-document operator (`_.or`) tests the document itself.
  if (where instanceof Operator) return where.test(doc as unknown as Value)
  return Object.entries(where).every(([field, condition]) =>
    condition instanceof Operator ? condition.test(doc[field]) : equals(doc[field], condition as Scalar),
  )
}

export function duplicateKey(collection: string, key: string): Error {
  // The shape wx-server-sdk rejects with: errCode -502001 wrapping MongoDB's E11000.
  return Object.assign(new Error(`E11000 duplicate key error collection: ${collection} dup key: ${key}`), {
    errCode: -502001,
    errMsg: `database request fail: E11000 duplicate key error collection: ${collection} dup key: ${key}`,
  })
}

/** Applies an update in place; plain objects are refused because the SDK would merge them, not replace. */
export function applyPatch(doc: Stored, patch: Patch): boolean {
  let changed = false
  for (const [field, change] of Object.entries(patch)) {
    if (field === '_id') throw new Error('stand-in: _id cannot be updated')
    if (change instanceof Inc) {
      const current = doc[field]
      doc[field] = (typeof current === 'number' ? current : 0) + change.by
      changed ||= change.by !== 0
    } else if (change instanceof Remove) {
      changed ||= field in doc
      delete doc[field]
    } else if (change !== null && typeof change === 'object' && !Array.isArray(change)) {
      throw new Error(`stand-in: nested object in update of ${field}; the SDK would merge it (use _.set)`)
    } else {
      changed ||= JSON.stringify(doc[field]) !== JSON.stringify(change)
      doc[field] = structuredClone(change as Value)
    }
  }
  return changed
}
