import type { HallView, OpenVisitResult, QrCodeView } from '../../src/contract'
import { openCloudActions } from './cloud-actions'
import { answersFor, importVisits } from './survey'
import { dataOf, type SignedIn } from './test-host'
import { complaintInput, helpRequestInput, studySession } from './world'

export interface ActionCost {
  action: string
  write: boolean
  reads: number
  writes: number
  transactions: number
  roundTrips: number
  /** The call's error code, when it was refused (the cost of a refusal is still a cost). */
  error?: string
}

/** Reads at most this many round trips, writes at most this many (issue 17), unless `EXCEPTIONS` says why. */
export const READ_CEILING = 3
export const WRITE_CEILING = 6

/**
 * One hospital's morning on the cloud database: `volume` patients have answered surveys, then one of
 * each kind of person does each action once, and every action's database calls are counted.
 */
export async function measureActions(volume: number): Promise<ActionCost[]> {
  const cloud = await openCloudActions()
  const home = await cloud.fixtures.department()
  const admin = await cloud.signIn('admin', 'rt-admin')
  const manager = await cloud.signIn('manager', 'rt-manager', home.id)
  const staff = await cloud.signIn('staff', 'rt-staff', home.id)
  const volunteer = await cloud.signIn('volunteer', 'rt-volunteer')
  const patient = await cloud.signIn('patient', 'rt-patient')
  const year = new Date().getFullYear()

  const codes = await importVisits(admin, `RT${volume}`, home.name, volume + 1)
  for (const [i, code] of codes.slice(1).entries()) {
    const answerer = await cloud.signIn('patient', `rt-answerer-${i}`)
    const opened = dataOf(await answerer.call<OpenVisitResult>('survey', 'openVisit', { code }))
    // The first answer is a low score with a comment, so the alert list shows a comment's themes.
    const comment = i === 0 ? { comment: '等了半天，没人管', commentConsent: true } : {}
    const answers = answersFor(opened, (i % 5) + 1)
    dataOf(await answerer.call('survey', 'submit', { code, answers, recommend: 8, ...comment }))
  }
  // The year's hours grow with the hospital too: `volume` bookings by an admin, spread over two volunteers.
  const served = [await cloud.signIn('volunteer', 'rt-served-a'), await cloud.signIn('volunteer', 'rt-served-b')]
  for (let i = 0; i < volume; i++) {
    const booking = { userId: served[i % 2].user.id, minutes: 30 + i, reason: '补录线下服务时长' }
    dataOf(await admin.call('volunteer', 'adjustHours', booking, `rt-hours-${volume}-${i}`))
  }
  const session = await studySession(admin, 'all', { startInMinutes: 5 })
  const qr = dataOf(await admin.call<QrCodeView>('study', 'qrCode', { sessionId: session.id }))

  const costs: ActionCost[] = []
  const run = async (user: SignedIn, write: boolean, fn: string, action: string, data?: unknown) => {
    let error: string | undefined
    const cost = await cloud.measure(async () => {
      const reply = await user.call(fn, action, data, write ? `rt-${fn}-${action}-${costs.length}` : undefined)
      if (!reply.body.ok) error = reply.body.error.code
      return reply
    })
    costs.push({ action: `${fn}.${action}`, write, ...cost, ...(error ? { error } : {}) })
    return error
  }

  await run(patient, false, 'identity', 'me')
  await run(patient, false, 'identity', 'departments')
  await run(patient, false, 'survey', 'board', {})
  await run(manager, false, 'survey', 'dashboard', { departmentId: home.id, from: `${year}-01`, to: `${year}-12` })
  await run(manager, false, 'survey', 'alerts', { departmentId: home.id })
  await run(patient, false, 'volunteer', 'ranking', { year })
  await run(patient, false, 'feedback', 'wall')
  await run(staff, false, 'study', 'upcoming')
  await run(admin, false, 'volunteer', 'pending')

  await run(patient, true, 'identity', 'setPrefs', { largeText: true, sensitiveText: 'granted' })
  const opened = dataOf(await patient.call<OpenVisitResult>('survey', 'openVisit', { code: codes[0] }))
  // As the app sends it: with the questionnaire version the patient was shown.
  const { version } = opened.questionnaire
  await run(patient, true, 'survey', 'submit', {
    code: codes[0],
    version,
    answers: answersFor(opened, 4),
    recommend: 9,
  })
  await run(patient, true, 'feedback', 'submit', complaintInput(home))
  await run(patient, false, 'feedback', 'mine')
  await run(manager, false, 'feedback', 'queue', {})
  await run(patient, true, 'volunteer', 'request', helpRequestInput(home))
  await run(volunteer, true, 'volunteer', 'startShift', { station: '门诊大厅' })
  await run(volunteer, false, 'volunteer', 'open')
  const hall = dataOf(await volunteer.call<HallView>('volunteer', 'open'))
  await run(volunteer, true, 'volunteer', 'claim', { requestId: hall.waiting[0]?.id })
  await run(staff, true, 'study', 'checkIn', { payload: qr.payload })
  return costs
}
