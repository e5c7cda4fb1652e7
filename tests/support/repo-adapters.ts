import { randomUUID } from 'node:crypto'
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Department, DepartmentKind } from '../../src/contract'
import { BUILT_IN_LEXICON } from '../../src/cloud/domain/voice/builtin-lexicon'
import type { RosterEntry } from '../../src/cloud/domain/identity/repo'
import { createCloudbaseRepos } from '../../src/cloud/storage/cloudbase'
import type { PhraseDoc } from '../../src/cloud/storage/cloudbase/feedback-phrases'
import type { DepartmentDoc, RosterDoc } from '../../src/cloud/storage/cloudbase/identity-repo'
import { phraseBookDocs } from '../../src/cloud/storage/cloudbase/phrases'
import { migratedQuestionnaires } from '../../src/cloud/storage/cloudbase/questionnaires'
import type { QuestionnaireDoc } from '../../src/cloud/storage/cloudbase/survey-repo'
import { C, uniqueIndexes } from '../../src/cloud/storage/cloudbase/schema'
import { lexiconSeedDocs, type LexiconSeedDoc } from '../../src/cloud/storage/cloudbase/voice-repo'
import { openPgliteStore } from '../../src/cloud/storage/pglite'
import type { Repos } from '../../src/cloud/domain/repos'
import { CloudDbStandIn } from './cloud-db-stand-in'
import { templateDir } from './template-db'

/** Reference data the repositories read but never write (the seed or the setup script does); questionnaires come from the migrations, phrases from the phrase book. */
export interface Fixtures {
  /** A department with a name no other test uses. */
  department(kind?: DepartmentKind): Promise<Department>
  rosterEntry(departmentId: string, name?: string): Promise<RosterEntry>
}

/** One stored row as an outsider reads it; `tx` is the writing transaction where the database keeps one. */
export interface DumpedRow {
  table: string
  tx: string | null
  row: Record<string, unknown>
}

export interface RepoHarness {
  repos: Repos
  fixtures: Fixtures
  /** Every row of every table or collection, as someone holding a copy of the database would read it. */
  dump(): Promise<DumpedRow[]>
  close(): Promise<void>
}

export interface RepoAdapter {
  name: string
  open(): Promise<RepoHarness>
}

const uniqueName = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`
const employeeNo = () => `T${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`

/** PostgreSQL, embedded: a copy of the seeded template database. */
export const pgliteAdapter: RepoAdapter = {
  name: 'pglite',
  async open() {
    const dir = mkdtempSync(join(tmpdir(), 'renxin-contract-'))
    cpSync(templateDir(), join(dir, 'db'), { recursive: true })
    const store = await openPgliteStore(join(dir, 'db'))
    return {
      repos: store.repos,
      fixtures: {
        async department(kind = 'clinical') {
          const [row] = await store.sql.query<Department>(
            'INSERT INTO departments (name, kind, sort) VALUES ($1, $2, 100) RETURNING id, name, kind',
            [uniqueName('科室'), kind],
          )
          return row
        },
        async rosterEntry(departmentId, name = uniqueName('职工')) {
          const entry = { employeeNo: employeeNo(), name, departmentId, title: '主治医师', partyMember: false }
          await store.sql.query(
            'INSERT INTO staff_roster (employee_no, name, department_id, title, party_member) VALUES ($1, $2, $3, $4, $5)',
            [entry.employeeNo, entry.name, entry.departmentId, entry.title, entry.partyMember],
          )
          return entry
        },
      },
      async dump() {
        const tables = await store.sql.query<{ name: string }>(
          `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
        )
        const rows: DumpedRow[] = []
        for (const { name } of tables) {
          // xmin is the id of the transaction that wrote the row's current version.
          const found = await store.sql.query<{ tx: string; row: Record<string, unknown> }>(
            `SELECT xmin::text AS tx, row_to_json(t) AS row FROM "${name}" t`,
          )
          rows.push(...found.map((r) => ({ table: name, ...r })))
        }
        return rows
      },
      async close() {
        await store.close()
        rmSync(dir, { recursive: true, force: true })
      },
    }
  },
}

/** The cloudbase repositories on a fresh in-process stand-in, which is handed over too for tests that wrap it. */
export async function openCloudStandIn(
  options: { concurrent?: boolean } = {},
): Promise<RepoHarness & { db: CloudDbStandIn }> {
  const db = new CloudDbStandIn(uniqueIndexes(), options)
  for (const doc of await migratedQuestionnaires()) {
    await db.collection<QuestionnaireDoc>(C.questionnaires).add({ data: doc })
  }
  for (const doc of phraseBookDocs(new Date())) await db.collection<PhraseDoc>(C.feedbackPhrases).add({ data: doc })
  for (const doc of lexiconSeedDocs(BUILT_IN_LEXICON))
    await db.collection<LexiconSeedDoc>(C.voiceLexiconSeed).add({ data: doc })
  return {
    repos: createCloudbaseRepos(db),
    fixtures: {
      async department(kind = 'clinical') {
        const doc: DepartmentDoc = { _id: randomUUID(), name: uniqueName('科室'), kind, sort: 100 }
        await db.collection<DepartmentDoc>(C.departments).add({ data: doc })
        return { id: doc._id, name: doc.name, kind }
      },
      async rosterEntry(departmentId, name = uniqueName('职工')) {
        const entry = { employeeNo: employeeNo(), name, departmentId, title: '主治医师', partyMember: false }
        const { employeeNo: _id, ...rest } = entry
        await db.collection<RosterDoc>(C.roster).add({ data: { _id, ...rest } })
        return entry
      },
    },
    async dump() {
      return Object.values(C).flatMap((table) => db.documents(table).map((row) => ({ table, tx: null, row })))
    },
    close: async () => undefined,
    db,
  }
}

/** The cloudbase adapter on the in-process stand-in for the WeChat cloud database. */
export const cloudbaseAdapter: RepoAdapter = { name: 'cloudbase (stand-in)', open: () => openCloudStandIn() }

/** The same, with transactions running concurrently and aborting on conflicts, as under real contention. */
export const cloudbaseConcurrentAdapter: RepoAdapter = {
  name: 'cloudbase (stand-in, concurrent transactions)',
  open: () => openCloudStandIn({ concurrent: true }),
}

export const REPO_ADAPTERS: RepoAdapter[] = [pgliteAdapter, cloudbaseAdapter]
