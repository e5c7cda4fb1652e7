// `npm run bench [name…]`: prints figures and ratios; never part of `npm test`.
import { benchCloud } from './cloud'
import { benchCodes } from './codes'
import { benchFeedback } from './feedback'
import { benchHostStartAlone } from './host-start'
import { benchIdempotency } from './idempotency'
import { benchLoad } from './load'
import { benchRoster } from './roster'
import { benchShell } from './shell'
import { benchStaffSurvey } from './staff-survey'
import { benchStudy } from './study'
import { benchSurvey } from './survey'
import { benchSweeps } from './sweeps'
import { benchVolunteer, benchVolunteerRecord } from './volunteer'
import { benchVolunteerExport } from './volunteer-export'
import { benchVoice } from './voice'
import { benchVoiceJieba } from './voice-jieba'

const BENCHES: Record<string, () => Promise<void>> = {
  shell: benchShell,
  'host-start': benchHostStartAlone,
  feedback: benchFeedback,
  survey: benchSurvey,
  codes: benchCodes,
  study: benchStudy,
  staffSurvey: benchStaffSurvey,
  volunteer: benchVolunteer,
  'volunteer-record': benchVolunteerRecord,
  'volunteer-export': benchVolunteerExport,
  roster: benchRoster,
  sweeps: benchSweeps,
  load: benchLoad,
  cloud: benchCloud,
  voice: benchVoice,
  'voice-jieba': benchVoiceJieba,
  idempotency: benchIdempotency,
}

async function main() {
  const wanted = process.argv.slice(2)
  const names = wanted.length > 0 ? wanted : Object.keys(BENCHES)
  for (const name of names) {
    const bench = BENCHES[name]
    if (!bench) throw new Error(`unknown bench ${name}; known: ${Object.keys(BENCHES).join(', ')}`)
    const started = Date.now()
    await bench()
    console.log(`  (${name} took ${((Date.now() - started) / 1000).toFixed(1)} s)`)
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
