import { silentLogger } from '../../src/cloud/core/logger'
import { chinaDay, monthOf } from '../../src/contract/month'
import { runSweeps, type SweepRun } from '../../src/cloud/sweeps'
import { benchHost, ms, report } from './support'
import { newShortCode } from '../../src/cloud/domain/survey/visit-code'

const COMPLAINTS = 300
const ALERTS = 200
const WAITING = 100
const ADMINS = 3
const MINUTE = 60_000

/**
 * One timer run over a backlog that went overdue together (a long weekend without the timer):
 * the first run queues every reminder, the next finds each already queued and writes nothing.
 */
export async function benchSweeps() {
  const host = await benchHost()
  try {
    const { identity, feedback, survey, volunteer } = host.host.store.repos
    const now = new Date()
    const ago = (minutes: number) => new Date(now.getTime() - minutes * MINUTE)
    const departments = (await identity.listDepartments()).filter((d) => d.kind === 'clinical')
    const user = (tag: string) => identity.ensureUser(`bench-sweep-${tag}`)
    for (let i = 0; i < ADMINS; i++) await identity.setRole((await user(`admin-${i}`)).id, 'admin', true, null)
    // Half the departments have a manager; the other half's reminders go to the administrators.
    for (const [i, d] of departments.entries()) {
      if (i % 2 === 0) await identity.setRole((await user(`manager-${i}`)).id, 'manager', true, d.id)
    }

    for (let i = 0; i < COMPLAINTS; i++) {
      const patient = await user(`complainer-${i}`)
      const at = ago(2 * 24 * 60 + i)
      await feedback.create(
        {
          kind: 'complaint',
          patientId: patient.id,
          departmentId: departments[i % departments.length].id,
          departmentName: departments[i % departments.length].name,
          employeeNo: null,
          staffName: null,
          categories: ['态度生硬'],
          text: '候诊两个多小时无人解释，询问时态度生硬。',
          contactPhone: null,
          anonymous: false,
          heldReasons: [],
          month: monthOf(at),
        },
        { id: patient.id, role: 'patient' },
        at,
      )
    }

    const questionnaire = await survey.activeQuestionnaire('outpatient')
    if (!questionnaire) throw new Error('no outpatient questionnaire')
    const visitDate = chinaDay(ago(3 * 24 * 60))
    const visits = Array.from({ length: ALERTS }, (_, i) => ({
      id: `BENCH-SWEEP-${i}`,
      type: 'outpatient' as const,
      departmentId: departments[i % departments.length].id,
      departmentName: departments[i % departments.length].name,
      visitDate,
      doctor: null,
      shortCode: newShortCode(),
    }))
    await survey.insertVisits(visits, ago(3 * 24 * 60))
    for (const [i, visit] of visits.entries()) {
      await survey.submitResponse({
        visitId: visit.id,
        departmentId: visit.departmentId,
        visitType: 'outpatient',
        month: monthOf(ago(3 * 24 * 60)),
        questionnaireId: questionnaire.id,
        questionnaireVersion: questionnaire.version,
        answers: Object.fromEntries(questionnaire.items.map((item) => [item.id, 1])),
        overall: 1,
        recommend: 0,
        comment: null,
        praiseStaff: null,
        lowScore: true,
        contactPhone: null,
        day: visitDate,
        departmentName: departments[i % departments.length].name,
        itemLabels: Object.fromEntries(questionnaire.items.map((item) => [item.id, item.label])),
      })
    }

    for (let i = 0; i < WAITING; i++) {
      const patient = await user(`waiting-${i}`)
      const request = {
        need: '导诊带路' as const,
        from: '门诊大厅',
        toDepartmentId: departments[0].id,
        toDepartment: departments[0].name,
        patientName: patient.name,
        note: null,
      }
      await volunteer.createRequest(patient.id, { ...request, people: 1 }, ago(20))
    }
    await host.host.store.sql.exec('ANALYZE')

    const timed = async (): Promise<[SweepRun, number]> => {
      const started = performance.now()
      const run = await runSweeps({ repos: host.host.store.repos, now, log: silentLogger })
      return [run, performance.now() - started]
    }
    const [first, firstMs] = await timed()
    const [second, secondMs] = await timed()
    const [{ queued }] = await host.host.store.sql.query<{ queued: number }>(
      'SELECT count(*)::int AS queued FROM outbox',
    )
    const reminders = (run: SweepRun) =>
      run.sweeps.overdueComplaintReminders + run.sweeps.overdueAlertReminders + run.sweeps.escalatedRequestReminders
    report(`timer sweep over ${COMPLAINTS} overdue complaints, ${ALERTS} overdue alerts, ${WAITING} waiting patients`, {
      'first run: reminders queued': reminders(first),
      'first run': ms(firstMs),
      'first run per reminder': ms(firstMs / Math.max(1, reminders(first))),
      'second run: reminders queued': reminders(second),
      'second run': ms(secondMs),
      'second / first': (secondMs / firstMs).toFixed(2),
      'failed sweeps': [...first.failed, ...second.failed].length,
      'outbox rows after both runs': queued,
    })
  } finally {
    await host.close()
  }
}
