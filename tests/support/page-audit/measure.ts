/**
 * What the page audit measures inside the browser. Everything here runs in the page (passed to
 * `page.evaluate`), so it is self-contained: no imports, no closures over Node values.
 */

export interface Measured {
  /** Elements reaching past the screen's edge, and whether the page scrolls sideways. */
  wide: string[]
  /** Controls under 44×44 px. */
  smallTargets: string[]
  /** In 大字模式, main controls (buttons, answer tiles, entries, tab items) under 60×60 px. */
  smallMain: string[]
  /** In 大字模式, visible text (placeholders included) under 18 px. */
  smallText: string[]
  /** In 大字模式, text with line spacing under 1.3×. */
  tightLines: string[]
  /** Short labels (one word, up to six characters) split over two lines, as in "非常不满/意". */
  brokenWords: string[]
}

export interface MeasureOptions {
  large: boolean
  /** Selectors of what a person taps, and of the main ones among them. */
  controls: string
  mainControls: string
  labels: string
}

export const CONTROLS = [
  'button',
  'input:not([type=hidden])',
  'textarea',
  'select',
  'a[href]',
  '[role=button]',
  '[role=radio]',
  '[role=checkbox]',
  '[role=switch]',
  '[role=tab]',
  '[role=link]',
  'taro-button-core',
  'taro-picker-core',
  '.rx-entry',
].join(', ')

/** Where a label sits: answer tiles, buttons, entries, figures and titles. */
export const LABELS = '.rx-choice__label, .rx-choice__hint, .rx-button, .rx-entry__title, .rx-title, .sv-figure__value'

export const MAIN_CONTROLS = [
  'taro-button-core.rx-button',
  '[role=radio]',
  '[role=tab]',
  '.rx-entry',
  '.weui-tabbar__item',
].join(', ')

/** Runs in the page: measures what is shown, skipping anything under `[data-audit-skip]`. */
export function measureInPage({ large, controls, mainControls, labels }: MeasureOptions): Measured {
  const screen = document.documentElement.clientWidth
  const inScope = (el: Element) => !el.closest('[data-audit-skip]')
  const shown = (el: Element) => {
    const box = el.getBoundingClientRect()
    if (box.width < 1 || box.height < 1) return false
    const style = getComputedStyle(el)
    return style.visibility !== 'hidden' && style.opacity !== '0'
  }
  const describe = (el: Element, extra = '') => {
    const classes = (el.getAttribute('class') ?? '').split(/\s+/).filter(Boolean).slice(0, 2)
    const text =
      el.getAttribute('aria-label') ?? el.getAttribute('placeholder') ?? (el.textContent ?? '').trim().slice(0, 14)
    return `${el.tagName.toLowerCase()}${classes.map((c) => `.${c}`).join('')}「${text}」${extra}`
  }
  const all = Array.from(document.querySelectorAll('body *')).filter(inScope)
  // The page itself (Taro's page element) scrolls vertically; a strip that scrolls sideways on
  // purpose (chips) may be wider.
  const pageScrollers = new Set(['HTML', 'BODY'])
  const inSideScroller = (el: Element) => {
    for (let up = el.parentElement; up; up = up.parentElement) {
      if (pageScrollers.has(up.tagName) || up.matches('.taro-tabbar__panel, .taro_page')) return false
      if (getComputedStyle(up).overflowX !== 'visible' && up.getBoundingClientRect().right <= screen + 1) return true
    }
    return false
  }

  const wide = all
    .filter((el) => {
      const box = el.getBoundingClientRect()
      return box.width >= 1 && (box.right > screen + 1 || box.left < -1) && shown(el) && !inSideScroller(el)
    })
    .map((el) => describe(el, ` ${Math.round(el.getBoundingClientRect().right)}px`))
  const scrollers = Array.from(document.querySelectorAll('.taro-tabbar__panel, .taro_page')).filter(inScope)
  if (document.documentElement.scrollWidth > screen + 1 || scrollers.some((s) => s.scrollWidth > s.clientWidth + 1)) {
    wide.unshift(`the page scrolls sideways`)
  }

  const sized = (selector: string) =>
    all
      .filter((el) => el.matches(selector) && shown(el))
      // A control inside another (the switch's checkbox) is the same target.
      .filter((el) => !el.parentElement?.closest(selector))
      .map((el) => ({ el, box: el.getBoundingClientRect() }))
  const under = (min: number) => (found: { el: Element; box: DOMRect }[]) =>
    found
      .filter(({ box }) => box.width < min - 0.5 || box.height < min - 0.5)
      .map(({ el, box }) => describe(el, ` ${Math.round(box.width)}×${Math.round(box.height)}`))
  const smallTargets = under(44)(sized(controls))
  const smallMain = large ? under(60)(sized(mainControls)) : []

  const smallText: string[] = []
  const tightLines: string[] = []
  if (large) {
    const hasText = (el: Element) =>
      Array.from(el.childNodes).some(
        (node) => node.nodeType === Node.TEXT_NODE && (node.textContent ?? '').trim() !== '',
      )
    const fields = (el: Element) =>
      (el instanceof HTMLInputElement && el.type !== 'checkbox' && el.type !== 'radio') ||
      el instanceof HTMLTextAreaElement
    for (const el of all) {
      if (!shown(el) || !(hasText(el) || fields(el))) continue
      const style = getComputedStyle(el)
      const size = parseFloat(style.fontSize)
      const placeholder = el.getAttribute('placeholder')
      const placeholderSize = placeholder ? parseFloat(getComputedStyle(el, '::placeholder').fontSize) : size
      if (size < 17.95 || placeholderSize < 17.95) {
        smallText.push(describe(el, ` ${Math.min(size, placeholderSize).toFixed(1)}px`))
      }
      // `normal` is about 1.2× in the fonts a phone uses.
      const spacing = style.lineHeight === 'normal' ? 1.2 : parseFloat(style.lineHeight) / size
      if (hasText(el) && spacing < 1.295) tightLines.push(describe(el, ` ${spacing.toFixed(2)}×`))
    }
  }
  const brokenWords = all
    .filter((el) => el.matches(labels) && shown(el))
    .flatMap((el) =>
      Array.from(el.childNodes).filter((node) => {
        const text = (node.textContent ?? '').trim()
        if (node.nodeType !== Node.TEXT_NODE || text.length < 2 || text.length > 6 || /\s/.test(text)) return false
        const range = document.createRange()
        range.selectNodeContents(node)
        const lines = new Set(Array.from(range.getClientRects()).map((box) => Math.round(box.top)))
        return lines.size > 1
      }),
    )
    .map((node) => `「${(node.textContent ?? '').trim()}」 in ${describe(node.parentElement as Element)}`)
  return { wide, smallTargets, smallMain, smallText, tightLines, brokenWords }
}
