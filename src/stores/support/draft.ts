import { reaction, type IReactionDisposer } from 'mobx'
import type { KeyValueStorage } from './storage'

/**
 * Keeps what a person typed on the device until the submit succeeds, so a failed submit,
 * a closed app or a lost connection loses nothing.
 */
export function persistDraft<T>(
  storage: KeyValueStorage,
  key: string,
  read: () => T,
  restore: (saved: T) => void,
): IReactionDisposer {
  const saved = storage.get(key)
  if (saved !== undefined && saved !== null && saved !== '') restore(saved as T)
  return reaction(read, (value) => storage.set(key, value))
}

export function clearDraft(storage: KeyValueStorage, key: string) {
  storage.remove(key)
}
