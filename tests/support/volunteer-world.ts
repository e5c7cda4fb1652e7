import type { ShiftView } from '../../src/contract'
import { dataOf, startTestHost, type SignedIn, type TestHost } from './test-host'

const MINUTE_MS = 60_000

export interface OutboxEntry {
  template: string
  payload: Record<string, string>
}

/**
 * What the volunteer integration tests share: a host of their own (so no other file's waiting
 * requests join the queue), its clock, moved only forward, an admin, and 骨科, where requests go.
 */
export class VolunteerWorld {
  host!: TestHost
  admin!: SignedIn
  departmentId!: string

  constructor(public now: Date) {}

  async open() {
    this.host = await startTestHost()
    this.host.setClock(this.now)
    this.admin = await this.host.signIn('admin')
    const patient = await this.host.signIn('patient')
    const departments = dataOf(await patient.call<{ id: string; name: string }[]>('identity', 'departments'))
    const orthopaedics = departments.find((d) => d.name === '骨科')
    if (!orthopaedics) throw new Error('the seed has no 骨科')
    this.departmentId = orthopaedics.id
  }

  /** Every test moves the clock forward from where the last one left it. */
  advance(minutes: number) {
    this.setNow(new Date(this.now.getTime() + minutes * MINUTE_MS))
  }

  setNow(at: Date) {
    this.now = at
    this.host.setClock(at)
  }

  async onShift(id: string, station = '门诊大厅'): Promise<SignedIn> {
    const volunteer = await this.host.signIn('volunteer', id)
    dataOf(await volunteer.call<ShiftView>('volunteer', 'startShift', { station }))
    return volunteer
  }

  async outbox(userId: string): Promise<OutboxEntry[]> {
    const response = await fetch(`${this.host.url}/dev/outbox?userId=${userId}`)
    return (await response.json()) as OutboxEntry[]
  }
}

/** A volunteer world with its clock at `start`, opened before the file's tests and closed after them. */
export function volunteerWorld(start: string): VolunteerWorld {
  const world = new VolunteerWorld(new Date(start))
  beforeAll(() => world.open())
  afterAll(() => world.host.close())
  return world
}
