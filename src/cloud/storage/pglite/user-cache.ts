import type { UserView } from '../../../contract'
import type { UserRecord } from '../../domain/identity/repo'

/** The channel `008_users_changed.sql` notifies with the OPENID of each changed user ('*': all). */
export const USERS_CHANGED = 'users_changed'
/** The channel `010_profiles_changed.sql` notifies on any change to departments, bindings or the roster. */
export const PROFILES_CHANGED = 'profiles_changed'

const MAX_USERS = 20_000

/**
 * Callers by OPENID, so that a call does not read its caller's row every time, and their profiles
 * (`identity.me`) by user id, so that the most frequent call reads nothing at all. The database tells
 * it about every change to `users` (roles, department, preferences, erasure) through a trigger, and
 * PGlite delivers that notification before the writing statement's promise resolves, so no call
 * that starts after a change sees the user as before it.
 */
export class UserCache {
  private readonly users = new Map<string, UserRecord>()
  private readonly profiles = new Map<string, UserView>()
  /** The user id of each cached profile, by OPENID: a change to a user row names the OPENID. */
  private readonly profileIds = new Map<string, string>()
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

  profile(id: string): UserView | undefined {
    return this.profiles.get(id)
  }

  rememberProfile(openid: string, profile: UserView, readStartedAt: number): void {
    if (readStartedAt !== this.changes) return
    if (this.profiles.size >= MAX_USERS) this.forgetProfiles()
    this.profiles.set(profile.id, deepFreeze(profile))
    this.profileIds.set(openid, profile.id)
  }

  forget(openid: string): void {
    this.changes++
    if (openid === '*') {
      this.users.clear()
      this.forgetProfiles()
      return
    }
    this.users.delete(openid)
    const id = this.profileIds.get(openid)
    if (id === undefined) return
    this.profiles.delete(id)
    this.profileIds.delete(openid)
  }

  /** A department, binding or roster entry changed: any profile may show it. */
  forgetProfiles(): void {
    this.changes++
    this.profiles.clear()
    this.profileIds.clear()
  }
}

/** Shared by every call of this user from now on: nobody may change it in place. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner)
    Object.freeze(value)
  }
  return value
}
