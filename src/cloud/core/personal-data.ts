import type { MyData } from '../../contract'

/**
 * A person's right to see and remove what is stored about them. Each area answers for its own
 * tables through a hook the storage adapter registers per cloud function, so a new area cannot be
 * forgotten: the hook table is keyed by every function name.
 */
export interface PersonalDataRepo {
  /** Everything tied to the user, by area; `null` for an area that stores nothing tied to a person. */
  exportUser(userId: string): Promise<MyData>
  /**
   * Removes or blanks the user's personal data in every area in one transaction. Anonymous
   * aggregates and append-only ledgers keep their numbers under the now nameless account, which
   * stays tied to its OPENID so that a retried deletion is recognised rather than run again.
   */
  eraseUser(userId: string, at: Date): Promise<void>
}
