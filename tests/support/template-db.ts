import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { analyzeIfNeeded, openPgliteStore } from '../../src/cloud/storage/pglite'
import { seedIfEmpty } from '../../src/cloud/host/seed'

const ROOT = resolve(__dirname, '../..')
const CACHE_DIR = join(ROOT, '.data-test')

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

/** Changes whenever a migration or a seed changes, so a stale template is never reused. */
function templateKey(): string {
  const hash = createHash('sha256')
  const sources = [join(ROOT, 'src/cloud/storage/pglite/migrations'), join(ROOT, 'src/cloud/host/seed')]
  for (const file of sources.flatMap(filesUnder).sort()) hash.update(file).update(readFileSync(file))
  return hash.digest('hex').slice(0, 16)
}

export function templateDir(): string {
  return join(CACHE_DIR, `template-${templateKey()}`)
}

/**
 * Creating a PGlite directory, migrating and seeding takes seconds; every integration test file
 * copies this ready-made one instead.
 */
export default async function createTemplate(): Promise<void> {
  const target = templateDir()
  if (existsSync(target)) return
  rmSync(CACHE_DIR, { recursive: true, force: true })
  mkdirSync(CACHE_DIR, { recursive: true })
  const building = `${target}.building-${process.pid}`
  const store = await openPgliteStore(building)
  await seedIfEmpty(store.sql, 'base', new Date())
  // Statistics travel with the copies, so a test host starts without analyzing.
  await analyzeIfNeeded(store, true)
  await store.close()
  renameSync(building, target)
}
