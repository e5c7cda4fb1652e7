import { createHash } from 'node:crypto'
import { PHRASE_SCENES } from '../../../contract'
import { PHRASE_BOOK } from '../../host/seed/feedback-phrases'
import type { PhraseDoc } from './feedback-phrases'

/** A stable UUID per entry, so applying the setup again adds nothing twice and ids stay valid input. */
const stableId = (key: string) => {
  const hex = createHash('sha256').update(key).digest('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

/** The 暖语手册 the local seed starts from, as cloud documents: one source of phrase content for both databases. */
export function phraseBookDocs(at: Date): PhraseDoc[] {
  return PHRASE_SCENES.flatMap((scene) =>
    PHRASE_BOOK[scene].map(([situation, recommended, forbidden], sort) => ({
      _id: stableId(`${scene}|${situation}`),
      scene,
      situation,
      recommended,
      forbidden,
      sort,
      updatedAt: at.toISOString(),
    })),
  )
}
