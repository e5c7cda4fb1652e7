import { useEffect, type RefObject } from 'react'
import { markPickers, openedByKey } from './picker-keys'

/**
 * H5: Taro draws `Button` as its own element with no role and no place in the tab order, and a `View`
 * that acts as a button is a plain element too, so a keyboard could reach none of them (WCAG 2.1.1).
 * The page root gives them what a real <button> has, in one place for every page instead of page by
 * page: a role and a tab stop, and Enter or Space presses them. A question's answer tiles (a
 * radiogroup) are one tab stop, as a group of radio buttons is, and the arrow keys move and choose.
 */
const TARO_BUTTON = 'taro-button-core'
/** Our own tiles say what they are (choice-grid radios, entry tiles); the page gives them their tab stop. */
const ROLE_CONTROL = '[role="button"], [role="radio"], [role="checkbox"], [role="switch"], [role="tab"]'
/** What Enter and Space press. */
const PRESSABLE = `${TARO_BUTTON}, ${ROLE_CONTROL}`
/** Elements the browser already presses itself; pressing them again would act twice. */
const NATIVE = 'button, input, select, textarea, a[href]'
/** A view that says it is pressed or not (the feedback and study chips) is a toggle button. */
const PRESSED_VIEW = '[aria-pressed]:not([role])'
const RADIO = '[role="radio"]'
const ARROWS: Record<string, 1 | -1> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }

/**
 * Whether a control is disabled, read the same way for marking and for pressing. Taro's wrapper may
 * set `disabled` as the element's property rather than its attribute. On our own controls
 * `aria-disabled` is what says so; on a Taro button it is what `markButton` wrote, so it is not read
 * back (a button enabled again would otherwise stay disabled).
 */
function isDisabled(element: Element): boolean {
  if ((element as Element & { disabled?: boolean }).disabled === true) return true
  if (element.hasAttribute('disabled') && element.getAttribute('disabled') !== 'false') return true
  return !element.matches(TARO_BUTTON) && element.getAttribute('aria-disabled') === 'true'
}

/** A Taro button as a keyboard meets it: named a button, a tab stop unless disabled. */
export function markButton(button: Element) {
  if (!button.hasAttribute('role')) button.setAttribute('role', 'button')
  const disabled = isDisabled(button)
  button.setAttribute('tabindex', disabled ? '-1' : '0')
  if (disabled) button.setAttribute('aria-disabled', 'true')
  else button.removeAttribute('aria-disabled')
}

/** One tab stop per question: the chosen answer, or the first while none is. */
function markRadioGroup(group: Element) {
  const radios = Array.from(group.querySelectorAll(RADIO))
  const stop = radios.find((radio) => radio.getAttribute('aria-checked') === 'true') ?? radios[0]
  for (const radio of radios) radio.setAttribute('tabindex', radio === stop ? '0' : '-1')
}

export function markButtons(root: ParentNode) {
  root.querySelectorAll(TARO_BUTTON).forEach(markButton)
  markPickers(root)
  root.querySelectorAll(PRESSED_VIEW).forEach((view) => {
    if (!view.matches(NATIVE)) view.setAttribute('role', 'button')
  })
  root.querySelectorAll('[role="radiogroup"]').forEach(markRadioGroup)
  root.querySelectorAll(`:is(${ROLE_CONTROL}):not([tabindex]):not(${TARO_BUTTON})`).forEach((control) => {
    if (!control.matches(NATIVE)) control.setAttribute('tabindex', '0')
  })
}

/** An arrow key on an answer tile moves to the next (or previous) answer and chooses it. */
function moveInGroup(radio: Element, step: 1 | -1): boolean {
  const group = radio.closest('[role="radiogroup"]')
  if (!group) return false
  const radios = Array.from(group.querySelectorAll<HTMLElement>(RADIO))
  const next = radios[(radios.indexOf(radio as HTMLElement) + step + radios.length) % radios.length]
  next.focus()
  next.click()
  return true
}

/** Enter or Space on a focused control clicks it, as it would a <button>; arrows move between answers. */
export function pressOnKey(event: KeyboardEvent) {
  const target = event.target
  if (!(target instanceof Element) || !target.matches(PRESSABLE) || target.matches(NATIVE) || isDisabled(target)) {
    return
  }
  const step = ARROWS[event.key]
  if (step !== undefined) {
    if (target.matches(RADIO) && moveInGroup(target, step)) event.preventDefault()
    return
  }
  if (event.key !== 'Enter' && event.key !== ' ') return
  event.preventDefault()
  // A held key repeats: one press, one tap, so a held Enter cannot submit twice.
  if (event.repeat) return
  const control = target as HTMLElement
  control.click()
  openedByKey(event, control)
}

/** Keeps the page's controls marked as they come, go and change, and presses them from the keyboard. */
export function useKeyboardControls(root: RefObject<HTMLElement>) {
  useEffect(() => {
    const page = root.current
    if (!page) return
    markButtons(page)
    const watcher = new MutationObserver(() => markButtons(page))
    watcher.observe(page, {
      subtree: true,
      childList: true,
      attributes: true,
      // A disabled button leaves the tab order; a chosen answer becomes its question's tab stop.
      attributeFilter: ['disabled', 'aria-checked'],
    })
    page.addEventListener('keydown', pressOnKey)
    return () => {
      watcher.disconnect()
      page.removeEventListener('keydown', pressOnKey)
    }
  }, [root])
}
