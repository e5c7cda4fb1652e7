import fc from 'fast-check'
import { z } from 'zod'

const HUGE = 70_000

/** Values that break naive code: wrong types, edge numbers, odd unicode, huge strings. */
const edgeValue = fc.constantFrom<unknown>(
  null,
  undefined,
  NaN,
  -0,
  -1,
  Infinity,
  -Infinity,
  Number.MAX_SAFE_INTEGER + 2,
  -Number.MAX_VALUE,
  0.1 + 0.2,
  '',
  ' ',
  '\u0000',
  '\u202e\u202d', // bidi overrides
  '\ud800', // a lone surrogate
  '👨‍👩‍👧‍👦🏳️‍🌈',
  'ｅｍｐｌｏｙｅｅ', // full-width
  '\u00a0\u3000\t\n',
  "'; DROP TABLE users; --",
  '=cmd|"/c calc"!A1',
  '../../etc/passwd',
  '__proto__',
  'constructor',
  '00000000-0000-0000-0000-000000000000',
  '2026-13-45',
  'x'.repeat(HUGE),
  '中'.repeat(HUGE / 2),
  true,
  false,
)

const key = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty'),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
)

/** Any JSON-ish value, nested a few levels. */
export const junk: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    edgeValue,
    fc.integer(),
    fc.double(),
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  ),
})).value

/** Prototype-pollution attempts as JSON.parse makes them: `__proto__` as an own key. */
export const POLLUTERS: unknown[] = [
  '{"__proto__": {"polluted": "yes", "roles": ["admin"]}}',
  '{"constructor": {"prototype": {"polluted": "yes"}}}',
  '{"answers": {"__proto__": {"polluted": 1}}, "code": "x", "recommend": 1}',
  '[{"__proto__": null}]',
].map((text) => JSON.parse(text) as unknown)

/** The field names an input schema declares, so junk lands on real fields too. */
export function fieldsOf(schema: z.ZodType): string[] {
  if (schema instanceof z.ZodObject) return Object.keys(schema.shape)
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault || schema instanceof z.ZodNullable) {
    return fieldsOf(schema.unwrap() as z.ZodType)
  }
  return []
}

/** Payloads for an action: junk on its real fields (some missing), junk anywhere, arrays for objects. */
export function malformedPayload(schema: z.ZodType): fc.Arbitrary<unknown> {
  const fields = fieldsOf(schema)
  const onFields = fc.record(Object.fromEntries(fields.map((field) => [field, junk])), { requiredKeys: [] })
  return fc.oneof(
    { weight: 4, arbitrary: onFields },
    { weight: 2, arbitrary: junk },
    { weight: 1, arbitrary: fc.array(onFields, { maxLength: 3 }) },
    { weight: 1, arbitrary: fc.constantFrom(...POLLUTERS) },
  )
}

/** The whole event: mostly a well-formed envelope around junk data, sometimes junk itself. */
export function malformedEvent(action: string, schema: z.ZodType): fc.Arbitrary<unknown> {
  const envelope = fc.record(
    {
      action: fc.oneof({ weight: 9, arbitrary: fc.constant(action) }, { weight: 1, arbitrary: junk }),
      data: malformedPayload(schema),
      requestId: fc.oneof(fc.string({ minLength: 8, maxLength: 64 }), junk),
    },
    { requiredKeys: ['action'] },
  )
  return fc.oneof({ weight: 9, arbitrary: envelope }, { weight: 1, arbitrary: junk })
}
