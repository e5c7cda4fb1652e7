import { useEffect, type RefObject } from 'react'

/**
 * H5: Taro draws `Button` as its own element with no role and no place in the tab order, and a `View`
 * that acts as a button is a plain element too, so a keyboard could reach none of them (WCAG 2.1.1).
 * The page root gives them what a real <button> has, in one place for every page instead of page by
 * page: a role and a tab stop, and Enter or Space presses them.
 */
const TARO_BUTTON = 'taro-button-core'
/** Our own tiles say what they are (choice-grid radios, entry tiles); the page gives them their tab stop. */
const ROLE_CONTROL = '[role="button"], [role="radio"], [role="checkbox"], [role="switch"], [role="tab"]'
/** What Enter and Space press. */
const PRESSABLE = `${TARO_BUTTON}, ${ROLE_CONTROL}`
/** Elements the browser already presses itself; pressing them again would act twice. */
const NATIVE = 'button, input, select, textarea, a[href]'

/** A Taro button as a keyboard meets it: named a button, a tab stop unless disabled. */
export function markButton(button: Element) {
  if (!button.hasAttribute('role')) button.setAttribute('role', 'button')
  // Taro's wrapper may set `disabled` as the element's property rather than its attribute.
  const disabled =
    (button as Element & { disabled?: boolean }).disabled === true ||
    (button.hasAttribute('disabled') && button.getAttribute('disabled') !== 'false')
  button.setAttribute('tabindex', disabled ? '-1' : '0')
  if (disabled) button.setAttribute('aria-disabled', 'true')
  else button.removeAttribute('aria-disabled')
}

/** A view that says it is pressed or not (the feedback and study chips) is a toggle button. */
const PRESSED_VIEW = '[aria-pressed]:not([role])'

export function markButtons(root: ParentNode) {
  root.querySelectorAll(TARO_BUTTON).forEach(markButton)
  root.querySelectorAll(PRESSED_VIEW).forEach((view) => {
    if (!view.matches(NATIVE)) view.setAttribute('role', 'button')
  })
  root.querySelectorAll(`:is(${ROLE_CONTROL}):not([tabindex]):not(${TARO_BUTTON})`).forEach((control) => {
    if (!control.matches(NATIVE)) control.setAttribute('tabindex', '0')
  })
}

/** Enter or Space on a focused control clicks it, as it would a <button>. */
export function pressOnKey(event: KeyboardEvent) {
  if (event.key !== 'Enter' && event.key !== ' ') return
  const target = event.target
  if (!(target instanceof Element) || !target.matches(PRESSABLE) || target.matches(NATIVE)) return
  if (target.getAttribute('aria-disabled') === 'true' || (target as Element & { disabled?: boolean }).disabled) return
  event.preventDefault()
  // A held key repeats: one press, one tap, so a held Enter cannot submit twice.
  if (!event.repeat) (target as HTMLElement).click()
}

/** Keeps the page's buttons marked as they come and go, and presses them on Enter or Space. */
export function useKeyboardControls(root: RefObject<HTMLElement>) {
  useEffect(() => {
    const page = root.current
    if (!page) return
    markButtons(page)
    const watcher = new MutationObserver(() => markButtons(page))
    watcher.observe(page, { subtree: true, childList: true, attributes: true, attributeFilter: ['disabled'] })
    page.addEventListener('keydown', pressOnKey)
    return () => {
      watcher.disconnect()
      page.removeEventListener('keydown', pressOnKey)
    }
  }, [root])
}
