import type { CloudDb, Doc, DocRef, Query, TxCollection } from '../../src/cloud/storage/cloudbase/db'
import { createPersonalDataRepo } from '../../src/cloud/storage/cloudbase/personal-data'
import { asSent, ERASE_AT, expectedExports, personalWorld } from '../support/contracts/personal-data'
import { openCloudStandIn } from '../support/repo-adapters'

class Crash extends Error {}

/** The database as a function sees it when its instance dies before the write after the first `writes`. */
function crashingAfter(db: CloudDb, writes: number): CloudDb {
  let left = writes
  const write = async <R>(run: () => Promise<R>) => {
    if (left-- <= 0) throw new Crash('function instance died')
    return run()
  }
  const query = <T extends Doc>(q: Query<T>): Query<T> => ({
    where: (condition) => query(q.where(condition)),
    orderBy: (field, direction) => query(q.orderBy(field, direction)),
    skip: (count) => query(q.skip(count)),
    limit: (count) => query(q.limit(count)),
    get: () => q.get(),
    count: () => q.count(),
    update: (options) => write(() => q.update(options)),
    remove: () => write(() => q.remove()),
  })
  const doc = <T extends Doc>(ref: DocRef<T>): DocRef<T> => ({
    get: () => ref.get(),
    update: (options) => write(() => ref.update(options)),
    set: (options) => write(() => ref.set(options)),
    remove: () => write(() => ref.remove()),
  })
  const single = <T extends Doc>(collection: TxCollection<T>): TxCollection<T> => ({
    doc: (id) => doc(collection.doc(id)),
    add: (options) => write(() => collection.add(options)),
  })
  return {
    command: db.command,
    collection: <T extends Doc>(name: string) => {
      const collection = db.collection<T>(name)
      // An aggregation only reads: it passes through.
      return { ...query(collection), ...single(collection), aggregate: () => collection.aggregate() }
    },
    runTransaction: (run) => db.runTransaction((tx) => run({ collection: (name) => single(tx.collection(name)) })),
  }
}

describe('erasing a person on the cloud database', () => {
  test('a deletion that died after any number of writes is finished by its retry, touching no one else', async () => {
    let crashes = 0
    for (let writes = 0; ; writes++) {
      const harness = await openCloudStandIn()
      const world = await personalWorld(harness)
      const exported = async (userId: string) => asSent(await harness.repos.personalData.exportUser(userId))
      const otherBefore = await exported(world.other.id)

      const dying = createPersonalDataRepo(crashingAfter(harness.db, writes))
      const died = await dying.eraseUser(world.erased.id, ERASE_AT).then(
        () => false,
        (error: unknown) => {
          if (error instanceof Crash) return true
          throw error
        },
      )
      if (died) {
        // The account is blanked last, so a deletion that died is still its owner's to retry.
        expect((await harness.repos.identity.findUser(world.erased.id))?.name).toBe(world.erased.entry.name)
        await harness.repos.personalData.eraseUser(world.erased.id, ERASE_AT)
      }

      expect(await exported(world.erased.id)).toEqual(expectedExports(world).after)
      expect(await exported(world.other.id)).toEqual(otherBefore)
      expect(
        (await harness.repos.feedback.history(world.erased.praise)).filter((h) => h.action === 'reject'),
      ).toHaveLength(1)
      if (!died) break
      crashes++
    }
    // Every write of a deletion was a point it could die at: a handful per area at least.
    expect(crashes).toBeGreaterThan(10)
  })
})
