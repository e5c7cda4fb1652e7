import type { FunctionName, MyData } from '../../contract'

/**
 * A person's right to see and remove what is stored about them. Each area answers for its own
 * tables through a hook the storage adapter registers per cloud function, so a new area cannot be
 * forgotten: the hook table is keyed by every function name.
 */
export interface PersonalDataRepo {
  /** Everything tied to the user, by area; `null` for an area that stores nothing tied to a person. */
  exportUser(userId: string): Promise<MyData>
  /**
   * Removes or blanks the user's personal data in every area. Anonymous aggregates and append-only
   * ledgers keep their numbers under the now nameless account, which stays tied to its OPENID so
   * that a retried deletion is recognised rather than run again. Running it again after it
   * finished, or after it stopped halfway, finishes the job and changes nothing more.
   */
  eraseUser(userId: string, at: Date): Promise<void>
}

/** One area's share of a person's data, on one adapter's database handle. */
export interface AreaPersonalData<Db> {
  export(db: Db, userId: string): Promise<unknown>
  erase(db: Db, userId: string, at: Date): Promise<void>
}

export type PersonalDataHooks<Db> = Record<FunctionName, AreaPersonalData<Db>>

/** What erased free text and places read afterwards, the same on every adapter. */
export const ERASED = {
  /** Stands in for what a person wrote in feedback: the field requires 10 to 500 characters. */
  text: '（提交人已删除此内容）',
  /** A help request's starting point and a leave's reason. */
  short: '已删除',
  /** The history note of praise withdrawn because its author deleted their account. */
  praiseNote: '提交人已删除账号',
  /** Why an erased volunteer's certificates read as revoked. */
  certificate: '本人已删除账号',
} as const

export async function exportAreas<Db>(hooks: PersonalDataHooks<Db>, db: Db, userId: string): Promise<MyData> {
  const areas = Object.entries(hooks) as [FunctionName, AreaPersonalData<Db>][]
  return Object.fromEntries(
    await Promise.all(areas.map(async ([name, area]) => [name, await area.export(db, userId)] as const)),
  )
}

/** Every area, then the platform's records, then the account: the others find the user's rows through it. */
export async function eraseAreas<Db>(
  hooks: PersonalDataHooks<Db>,
  platform: (db: Db, userId: string, at: Date) => Promise<void>,
  db: Db,
  userId: string,
  at: Date,
): Promise<void> {
  const { identity: account, ...areas } = hooks
  for (const area of Object.values(areas)) await area.erase(db, userId, at)
  await platform(db, userId, at)
  await account.erase(db, userId, at)
}
