import { makeAutoObservable } from 'mobx'
import type { KeyValueStorage } from './support/storage'

const LARGE_TEXT_KEY = 'renxin.largeText'

/** Screen-wide state: 大字模式 and short messages to the person. */
export class UiStore {
  largeText: boolean

  constructor(
    private readonly storage: KeyValueStorage,
    private readonly showToast: (message: string) => void,
  ) {
    this.largeText = storage.get(LARGE_TEXT_KEY) === true
    makeAutoObservable<UiStore, 'storage' | 'showToast'>(this, { storage: false, showToast: false })
  }

  setLargeText(on: boolean) {
    this.largeText = on
    this.storage.set(LARGE_TEXT_KEY, on)
  }

  toast(message: string) {
    this.showToast(message)
  }
}
