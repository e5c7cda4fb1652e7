import {
  emptyInput,
  heatCommentsInput,
  heatInput,
  tagsOfInput,
  topThemesInput,
  removeLexiconEntryInput,
  saveLexiconEntryInput,
  type VoiceApi,
} from '../../../contract'
import { action, ADMINS, ORGANIZERS, type FunctionOf } from '../../core/define'
import * as voice from './handlers'

/** 患者声音 and the lexicon page; 试一试 is `survey.analyzeText`, and tagging happens inside the writes that store text. */
export const voiceFunction = {
  topThemes: action({ roles: ORGANIZERS, input: topThemesInput, handle: voice.topThemes }),
  tagsOf: action({ roles: ORGANIZERS, input: tagsOfInput, handle: voice.tagsOf }),
  heat: action({ roles: ORGANIZERS, input: heatInput, handle: voice.heat }),
  heatComments: action({ roles: ORGANIZERS, input: heatCommentsInput, handle: voice.heatComments }),
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
} satisfies FunctionOf<VoiceApi>
