import Taro from '@tarojs/taro'

export const SHOWN_ERROR = '.rx-field__error--on'

/** After a submit: brings the first marked field into view below the navigation bar, if one is marked. */
export function scrollToFirstError(): void {
  // The marks render on the next tick, after the store has taken the refusal.
  setTimeout(() => {
    try {
      Taro.createSelectorQuery()
        .select(SHOWN_ERROR)
        .boundingClientRect((rect) => {
          if (rect) void Taro.pageScrollTo({ selector: SHOWN_ERROR, offsetTop: -120, duration: 200 })
        })
        .exec()
    } catch {
      // No layout to scroll (a test renderer): the marks are still shown by their fields.
    }
  }, 0)
}
