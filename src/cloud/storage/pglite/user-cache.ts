import type { UserRecord } from '../../domain/identity/repo'

/** The channel `008_users_changed.sql` notifies with the OPENID of each changed user ('*': all). */
export const USERS_CHANGED = 'users_changed'

const MAX_USERS = 20_000

/**
 * Callers by OPENID, so that a call does not read its caller's row every time. The database tells
 * it about every change to `users` (roles, department, preferences, erasure) through a trigger, and
 * PGlite delivers that notification before the writing statement's promise resolves, so no call
 * that starts after a change sees the user as before it.
 */
export class UserCache {
  private readonly users = new Map<string, UserRecord>()
  /** Counts changes, so a read that raced one is not cached. */
  private changes = 0

  get(openid: string): UserRecord | undefined {
    return this.users.get(openid)
  }

  /** The moment a read starts; pass it to `remember` with what the read returned. */
  mark(): number {
    return this.changes
  }

  remember(user: UserRecord, readStartedAt: number): void {
    if (readStartedAt !== this.changes) return
    if (this.users.size >= MAX_USERS) this.users.delete(this.users.keys().next().value as string)
    // Shared by every call of this user from now on: nobody may change it in place.
    Object.freeze(user.roles)
    Object.freeze(user.prefs)
    this.users.set(user.openid, Object.freeze(user))
  }

  forget(openid: string): void {
    this.changes++
    if (openid === '*') this.users.clear()
    else this.users.delete(openid)
  }
}
