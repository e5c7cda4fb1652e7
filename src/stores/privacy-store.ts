import { makeAutoObservable } from 'mobx'
import type { KeyValueStorage } from './support/storage'

const PRIVACY_ANSWER_KEY = 'renxin.privacyAnswer'

export type PrivacyAnswer = 'agree' | 'disagree'

/**
 * The 用户隐私保护指引 consent sheet. On WeChat the platform decides when to ask (before the camera
 * scan, the phone number, the clipboard…) and waits for the answer; H5 has no such prompt, so it
 * asks once on first use and remembers the answer on the device.
 */
export class PrivacyStore {
  /** What is waiting for consent while the sheet is up, e.g. WeChat's `scanCode`; `null` when closed. */
  asking: string | null = null
  answer: PrivacyAnswer | null
  private waiting: ((answer: PrivacyAnswer) => void)[] = []

  constructor(private readonly storage: KeyValueStorage) {
    const saved = storage.get(PRIVACY_ANSWER_KEY)
    this.answer = saved === 'agree' || saved === 'disagree' ? saved : null
    makeAutoObservable<PrivacyStore, 'storage' | 'waiting'>(this, { storage: false, waiting: false })
  }

  /** Shows the sheet; settles when the person answers. Several callers waiting at once share one answer. */
  ask(referrer: string): Promise<PrivacyAnswer> {
    this.asking = referrer
    return new Promise((settle) => this.waiting.push(settle))
  }

  askOnFirstUse() {
    if (this.answer === null && this.asking === null) void this.ask('firstUse')
  }

  respond(answer: PrivacyAnswer) {
    this.answer = answer
    this.asking = null
    this.storage.set(PRIVACY_ANSWER_KEY, answer)
    const waiting = this.waiting
    this.waiting = []
    for (const settle of waiting) settle(answer)
  }
}
