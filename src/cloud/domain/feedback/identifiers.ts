/**
 * Phone and ID-card numbers in free text, found and masked before a praise can reach the public wall.
 *
 * A number is a run of digits that may be split by single spaces or hyphens ("139 1234 5678",
 * "0571-8765 4321"), written in full-width digits, and may end in X (ID cards). Dates ("2026-06-01",
 * 8 digits) and room or bed numbers stay; anything that could reach a person is masked whole.
 */

export type IdentifierKind = 'phone' | 'idCard'

export interface MaskedText {
  text: string
  found: IdentifierKind[]
}

export const MASK = '****'

const DIGIT_RUN = /(?:\+\s?86[\s-]?)?[0-9０-９](?:[\s\-－]?[0-9０-９])*(?:[xXＸ](?![A-Za-z]))?/g
const FULL_WIDTH_ZERO = '０'.charCodeAt(0)

function normalise(run: string): string {
  return run
    .replace(/[０-９]/g, (digit) => String(digit.charCodeAt(0) - FULL_WIDTH_ZERO))
    .replace(/[Ｘx]/g, 'X')
    .replace(/[^0-9X]/g, '')
}

const ID_CARD_18 = /^[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dX]$/
const ID_CARD_15 = /^[1-9]\d{14}$/
const MOBILE = /^(?:86)?1[3-9]\d{9}$/
const LANDLINE = /^0\d{9,11}$/

/** What a run of digits is, or `null` when it is harmless (a date, a bed number, a count). */
export function identifierKind(run: string): IdentifierKind | null {
  const digits = normalise(run)
  if (ID_CARD_18.test(digits) || ID_CARD_15.test(digits)) return 'idCard'
  if (MOBILE.test(digits) || LANDLINE.test(digits)) return 'phone'
  // Longer runs (a phone glued to a date, a bank card) could still reach a person: mask them too.
  if (digits.replace(/X/g, '').length >= 11) return 'phone'
  return null
}

// A local number without its area code is only a number when the words before it say so.
const PHONE_WORDS = /(?:电话|手机|座机|联系|号码|tel|Tel|TEL)[^0-9０-９]{0,4}$/
const LOCAL_NUMBER = /^\d{7,8}$/

export function maskIdentifiers(text: string): MaskedText {
  const found = new Set<IdentifierKind>()
  const masked = text.replace(DIGIT_RUN, (run: string, offset: number) => {
    const saidPhone = LOCAL_NUMBER.test(normalise(run)) && PHONE_WORDS.test(text.slice(0, offset))
    const kind = saidPhone ? 'phone' : identifierKind(run)
    if (kind === null) return run
    found.add(kind)
    return MASK
  })
  return { text: masked, found: [...found] }
}
