import { makeAutoObservable } from 'mobx'
import type { KeyValueStorage } from './support/storage'

const LARGE_TEXT_KEY = 'renxin.largeText'
/** Set once the person has switched 大字模式 themselves; from then on WeChat's text size no longer decides. */
const LARGE_TEXT_CHOSEN_KEY = 'renxin.largeTextChosen'

/** Screen-wide state: 大字模式 and short messages to the person. */
export class UiStore {
  largeText: boolean
  private chosen: boolean

  /** `wechatTextEnlarged`: the person made WeChat's own text larger, so 大字模式 starts on. */
  constructor(
    private readonly storage: KeyValueStorage,
    private readonly showToast: (message: string) => void,
    private readonly wechatTextEnlarged = false,
  ) {
    this.chosen = storage.get(LARGE_TEXT_CHOSEN_KEY) === true
    this.largeText = storage.get(LARGE_TEXT_KEY) === true || this.followsWeChat
    makeAutoObservable<UiStore, 'storage' | 'showToast' | 'wechatTextEnlarged'>(this, {
      storage: false,
      showToast: false,
      wechatTextEnlarged: false,
    })
  }

  /** On by default for someone who enlarged WeChat's text and has not chosen here yet. */
  get followsWeChat(): boolean {
    return this.wechatTextEnlarged && !this.chosen
  }

  /** The person's own choice. */
  setLargeText(on: boolean) {
    this.chosen = true
    this.storage.set(LARGE_TEXT_CHOSEN_KEY, true)
    this.applySaved(on)
  }

  /** The copy kept on the server; WeChat's enlarged text still wins until the person chooses. */
  applySaved(on: boolean) {
    this.largeText = on || this.followsWeChat
    this.storage.set(LARGE_TEXT_KEY, on)
  }

  toast(message: string) {
    this.showToast(message)
  }
}
