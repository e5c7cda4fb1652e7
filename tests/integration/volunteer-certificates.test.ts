import type { Certificate, CertificateCheck } from '../../src/contract'
import { dataOf, errorOf, type SignedIn, startTestHost, type TestHost } from '../support/test-host'

// 志愿服务证明: issued once per period, checked by anyone with its number.
let host: TestHost
let admin: SignedIn

beforeAll(async () => {
  host = await startTestHost()
  host.setClock(new Date('2033-05-20T02:00:00Z'))
  admin = await host.signIn('admin')
})
afterAll(async () => {
  await host.close()
})

async function volunteerWithHours(tag: string, minutes: number): Promise<SignedIn> {
  const person = await host.signIn('patient', tag)
  const form = { name: '李秀英', phone: '13912345678', team: '老年', skills: [], availability: '周二上午' }
  dataOf(await person.call('volunteer', 'register', form))
  dataOf(await admin.call('volunteer', 'approve', { userId: person.user.id }))
  const volunteer = await host.signIn('volunteer', tag)
  dataOf(await volunteer.call('volunteer', 'startShift', { station: '门诊大厅' }))
  host.setClock(new Date('2033-05-20T04:00:00Z'))
  dataOf(await volunteer.call('volunteer', 'endShift'))
  host.setClock(new Date('2033-05-20T02:00:00Z'))
  if (minutes > 120) {
    const reason = '历史服务补录'
    dataOf(await admin.call('volunteer', 'adjustHours', { userId: volunteer.user.id, minutes: minutes - 120, reason }))
  }
  return volunteer
}

/** The public route: no token, as a stranger scanning the QR on the paper would. */
async function checkPublicly(
  number: string,
): Promise<{ status: number; body: { ok: boolean; data?: CertificateCheck } }> {
  const response = await fetch(`${host.url}/public/certificates/${encodeURIComponent(number)}`)
  return { status: response.status, body: (await response.json()) as { ok: boolean; data?: CertificateCheck } }
}

describe('issuing a certificate', () => {
  it('issues the same certificate for the same period, with the hours, content, issuer and an unguessable number', async () => {
    const volunteer = await volunteerWithHours('cert-v1', 300)
    const replies = await Promise.all([
      volunteer.call<Certificate>('volunteer', 'certificate', { year: 2033 }),
      volunteer.call<Certificate>('volunteer', 'certificate', { year: 2033 }),
    ])
    const [first, second] = replies.map((r) => dataOf(r))
    expect(second).toEqual(first)
    expect(first).toMatchObject({
      name: '李秀英',
      idLast4: null,
      periodFrom: '2033-01-01',
      periodTo: '2033-05-20',
      minutes: 300,
      services: 1,
      content: '院内值班 1 次',
      issuer: '仁心医院志愿服务队',
      status: 'valid',
    })
    expect(first.number).toMatch(/^ZYFW-2033-[A-Z2-9]{16}$/)
    // Asked again later the same day: still the one certificate, as issued.
    dataOf(
      await admin.call('volunteer', 'adjustHours', { userId: volunteer.user.id, minutes: 60, reason: '补录义诊服务' }),
    )
    expect(dataOf(await volunteer.call<Certificate>('volunteer', 'certificate', { year: 2033 }))).toEqual(first)

    const allTime = dataOf(await volunteer.call<Certificate>('volunteer', 'certificate', {}))
    expect(allTime).toMatchObject({ periodFrom: null, periodTo: '2033-05-20', minutes: 360 })
    expect(allTime.number).not.toBe(first.number)
    expect(allTime.number).toMatch(/^ZYFW-ALL-/)

    const other = await volunteerWithHours('cert-v2', 120)
    expect(dataOf(await other.call<Certificate>('volunteer', 'certificate', { year: 2033 })).number).not.toBe(
      first.number,
    )
  })

  it('refuses a period without hours and a year still to come', async () => {
    const volunteer = await volunteerWithHours('cert-empty', 120)
    expect(errorOf(await volunteer.call('volunteer', 'certificate', { year: 2032 })).code).toBe('NOT_FOUND')
    const future = await volunteer.call('volunteer', 'certificate', { year: 2034 })
    expect(errorOf(future).fields?.map((f) => f.path)).toEqual(['year'])
  })
})

describe('verifying a certificate', () => {
  it('answers anyone with the hours, period and issuer only; a tampered or unknown number is invalid', async () => {
    const volunteer = await volunteerWithHours('verify-v', 240)
    const issued = dataOf(await volunteer.call<Certificate>('volunteer', 'certificate', { year: 2033 }))
    const expected: CertificateCheck = {
      valid: true,
      status: 'valid',
      periodFrom: '2033-01-01',
      periodTo: '2033-05-20',
      minutes: 240,
      issuer: '仁心医院志愿服务队',
      issuedAt: issued.issuedAt,
    }
    const stranger = await host.signIn('patient', 'verify-stranger')
    const reply = await stranger.call<CertificateCheck>('volunteer', 'verifyCertificate', { number: issued.number })
    expect(dataOf(reply)).toEqual(expected)
    expect(JSON.stringify(reply.body)).not.toMatch(/李秀英|1391234|verify-v/)

    const open = await checkPublicly(issued.number)
    expect(open).toEqual({ status: 200, body: { ok: true, data: expected } })
    // Typed in lower case from the paper, it is the same number.
    expect((await checkPublicly(issued.number.toLowerCase())).body.data?.valid).toBe(true)

    const last = issued.number.at(-1) === 'A' ? 'B' : 'A'
    const tampered = `${issued.number.slice(0, -1)}${last}`
    expect((await checkPublicly(tampered)).body).toEqual({ ok: true, data: { valid: false, status: 'invalid' } })
    expect((await checkPublicly('ZYFW-2033-AAAAAAAAAAAAAAAA')).body.data).toEqual({ valid: false, status: 'invalid' })
  })

  it('reads as revoked once an administrator revokes the volunteer', async () => {
    const volunteer = await volunteerWithHours('revoke-v', 180)
    const issued = dataOf(await volunteer.call<Certificate>('volunteer', 'certificate', {}))
    const revoked = dataOf(
      await admin.call<{ revoked: number }>('volunteer', 'revokeCertificates', {
        userId: volunteer.user.id,
        reason: '志愿者资格撤销',
      }),
    )
    expect(revoked).toEqual({ revoked: 1 })
    expect((await checkPublicly(issued.number)).body.data).toMatchObject({
      valid: false,
      status: 'revoked',
      minutes: 180,
    })
    expect(dataOf(await volunteer.call<Certificate>('volunteer', 'certificate', {})).status).toBe('revoked')
    const [row] = await host.host.store.sql.query<{ details: { reason: string } }>(
      `SELECT details FROM audit_log WHERE action = 'revokeCertificates' AND target = $1`,
      [`user:${volunteer.user.id}`],
    )
    expect(row.details.reason).toBe('志愿者资格撤销')
  })
})
