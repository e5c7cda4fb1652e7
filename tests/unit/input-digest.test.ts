import { canonicalJson, inputDigest } from '../../src/cloud/core/input-digest'

test('canonical JSON does not depend on key order, at any depth, but keeps array order', () => {
  expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe('{"a":{"c":null,"d":[2,1]},"b":1}')
  expect(canonicalJson({ a: { c: null, d: [2, 1] }, b: 1 })).toBe(canonicalJson({ b: 1, a: { d: [2, 1], c: null } }))
  expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]))
  expect(canonicalJson({ at: new Date('2026-03-01T00:00:00Z') })).toBe('{"at":"2026-03-01T00:00:00.000Z"}')
  expect(canonicalJson(undefined)).toBe('null')
})

test('the digest tells inputs apart, and means nothing without the key', () => {
  const answer = { code: 'ABC123', answers: { q1: 5 }, recommend: 9 }
  expect(inputDigest('key-1', answer)).toBe(inputDigest('key-1', { recommend: 9, answers: { q1: 5 }, code: 'ABC123' }))
  expect(inputDigest('key-1', answer)).not.toBe(inputDigest('key-1', { ...answer, recommend: 8 }))
  expect(inputDigest('key-1', answer)).not.toBe(inputDigest('key-2', answer))
  expect(inputDigest('key-1', answer)).not.toContain('ABC123')
})
