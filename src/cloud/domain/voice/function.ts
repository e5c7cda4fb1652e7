import { emptyInput, removeLexiconEntryInput, saveLexiconEntryInput } from '../../../contract'
import { action, ADMINS, type FunctionDef } from '../../core/define'
import * as voice from './handlers'

/** The lexicon page; tagging itself is `survey.analyzeText` and happens inside the writes that store text. */
export const voiceFunction: FunctionDef = {
  lexicon: action({ roles: ADMINS, input: emptyInput, handle: voice.lexicon }),
  saveLexiconEntry: action({
    roles: ADMINS,
    input: saveLexiconEntryInput,
    write: true,
    handle: voice.saveLexiconEntry,
  }),
  removeLexiconEntry: action({
    roles: ADMINS,
    input: removeLexiconEntryInput,
    write: true,
    handle: voice.removeLexiconEntry,
  }),
}
