/**
 * H5: Taro's picker opens a sheet of scrolling columns that only a finger or a mouse drag can turn, so
 * a keyboard could open nothing and choose nothing (WCAG 2.1.1). Here the field that opens it is a
 * button, each column is a list box that the up and down keys turn by one item, Enter confirms and
 * Escape cancels, and focus goes into the sheet when it opens and back to the field when it closes.
 * A column is turned through the column's own drag methods, so its wrapping and clamping (time, date)
 * stay Taro's. Taro moves each sheet to the end of `document.body`, outside the page, so the sheet's
 * keys are heard on the document and each sheet is traced back to its picker.
 */
const PICKER = 'taro-picker-core'
/** The field that opens the sheet: Taro's first wrapper around what the page put inside `Picker`. */
const PICKER_FIELD = `${PICKER} > div:first-child`
const COLUMN = 'taro-picker-group'
const ACTION = '.weui-picker__action'
const SHEET = '.weui-picker__overlay'
/** Taro's row height and the offset of the first row in a column (picker-group's LINE_HEIGHT and TOP). */
const ROW = 34
const TOP = 102
const COLUMN_NAMES: Record<string, string[]> = { date: ['年', '月', '日'], time: ['时', '分'] }
const STEPS: Record<string, 1 | -1> = { ArrowDown: 1, ArrowUp: -1 }
/** About a second: the sheet slides up in 0.3 s and is hidden 0.35 s after it closes. */
const FRAMES_TO_DRAW = 60

interface Picker extends HTMLElement {
  mode?: string
  /** Taro's own reference to the sheet it moved to `document.body`. */
  overlay?: HTMLElement
}

interface PickerColumn extends HTMLElement {
  height?: number
  handleMoveStart(y: number): Promise<void>
  handleMoving(y: number): Promise<void>
  handleMoveEnd(y: number): Promise<void>
}

const pickerOfSheet = new WeakMap<Element, Picker>()
/** Keys pressed quickly queue: each turn starts where the one before left the column. */
const turning = new WeakMap<Element, Promise<void>>()
let pickersNamed = 0
let listening = false

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))
const columnsOf = (picker: Picker) => Array.from(picker.overlay?.querySelectorAll<PickerColumn>(COLUMN) ?? [])
const actionsOf = (picker: Picker) => Array.from(picker.overlay?.querySelectorAll<HTMLElement>(ACTION) ?? [])
const isShown = (picker: Picker) => (picker.overlay?.style.display ?? 'none') !== 'none'
/** Shown and not fading out: Taro hides a closed sheet 350 ms later, and keys meanwhile must do nothing. */
const isOpen = (picker: Picker) => isShown(picker) && !picker.overlay?.querySelector('.weui-animate-fade-out')

/** A column is a list box whose active option is the item in its middle row. */
function describeColumn(column: PickerColumn, picker: Picker, position: number) {
  const field = picker.querySelector(PICKER_FIELD)
  const name =
    COLUMN_NAMES[picker.mode ?? '']?.[position] ?? field?.firstElementChild?.getAttribute('aria-label') ?? '选项'
  picker.dataset.keys ??= String((pickersNamed += 1))
  const items = Array.from(column.querySelectorAll('.weui-picker__item'))
  const shown = Math.max(0, Math.min(items.length - 1, Math.round((TOP - (column.height ?? TOP)) / ROW)))
  items.forEach((item, index) => {
    item.id = `rx-picker-${picker.dataset.keys}-${position}-${index}`
    item.setAttribute('role', 'option')
    item.setAttribute('aria-selected', String(index === shown))
  })
  column.setAttribute('role', 'listbox')
  column.setAttribute('tabindex', '0')
  column.setAttribute('aria-label', name)
  if (items[shown]) column.setAttribute('aria-activedescendant', items[shown].id)
}

/** The sheet is the dialog its field announces, named as the field is. */
function describeSheet(picker: Picker) {
  const label = picker.querySelector(PICKER_FIELD)?.firstElementChild?.getAttribute('aria-label')
  picker.overlay?.setAttribute('role', 'dialog')
  picker.overlay?.setAttribute('aria-modal', 'true')
  picker.overlay?.setAttribute('aria-label', label ?? '选择')
  actionsOf(picker).forEach((action) => {
    action.setAttribute('role', 'button')
    action.setAttribute('tabindex', '0')
  })
  columnsOf(picker).forEach((column, position) => describeColumn(column, picker, position))
}

/** Focuses what `find` returns once the picker has drawn it (the sheet is drawn when it opens). */
async function focusWhenDrawn(find: () => HTMLElement | null | undefined) {
  for (let frame = 0; frame < FRAMES_TO_DRAW; frame++) {
    await nextFrame()
    const element = find()
    if (element && element.offsetParent !== null) {
      element.focus()
      return
    }
  }
}

/** Turns a column by one item, the way a short drag would. */
async function turn(column: PickerColumn, step: 1 | -1) {
  await column.handleMoveStart(0)
  await column.handleMoving(-step * ROW)
  // The drag's end reads the column's position, which the picker sets when it draws again.
  await nextFrame()
  await column.handleMoveEnd(-step * ROW)
}

/**
 * Confirms (确定, the second action) or cancels (取消, the first), then returns focus to the field once
 * the sheet is hidden: opened again while it fades, Taro's pending hide would close it under the keyboard.
 */
function close(picker: Picker, confirm: boolean) {
  actionsOf(picker)[confirm ? 1 : 0]?.click()
  void focusWhenDrawn(() => (isShown(picker) ? null : picker.querySelector<HTMLElement>(PICKER_FIELD)))
}

function turnOnKey(picker: Picker, column: PickerColumn, step: 1 | -1) {
  const next = (turning.get(column) ?? Promise.resolve()).then(async () => {
    await turn(column, step)
    // The column moves when the picker draws again; the next turn starts from where it stopped.
    await nextFrame()
    // A date's day column changes with its month: every column is described again.
    describeSheet(picker)
    // Escape may have closed the sheet meanwhile, and focus is back on the field.
    if (isOpen(picker)) column.focus()
  })
  turning.set(column, next)
}

/** A key inside an open sheet. */
function onSheetKey(event: KeyboardEvent) {
  const target = event.target
  const sheet = target instanceof Element ? target.closest(SHEET) : null
  const picker = sheet ? pickerOfSheet.get(sheet) : undefined
  if (!picker || !isOpen(picker) || !(target instanceof HTMLElement)) return
  const pressed = event.key === 'Enter' || event.key === ' '
  const step = STEPS[event.key]
  if (event.key === 'Escape') close(picker, false)
  else if (target.matches(ACTION) && pressed) close(picker, target === actionsOf(picker)[1])
  // After the turns still queued, so what is confirmed is what was chosen.
  else if (target.matches(COLUMN) && event.key === 'Enter') {
    void (turning.get(target) ?? Promise.resolve()).then(() => close(picker, true))
  } else if (target.matches(COLUMN) && step !== undefined) turnOnKey(picker, target as PickerColumn, step)
  else return
  event.preventDefault()
}

/** Gives every picker on the page its field's button role; `markButtons` calls it as the page changes. */
export function markPickers(root: ParentNode) {
  root.querySelectorAll<Picker>(PICKER).forEach((picker) => {
    const field = picker.querySelector(PICKER_FIELD)
    field?.setAttribute('role', 'button')
    field?.setAttribute('tabindex', '0')
    field?.setAttribute('aria-haspopup', 'dialog')
    if (picker.overlay) pickerOfSheet.set(picker.overlay, picker)
  })
  if (!listening && typeof document !== 'undefined') {
    listening = true
    document.addEventListener('keydown', onSheetKey)
  }
}

/** Enter or Space on a picker's field opens its sheet (the page presses it as a button); focus follows. */
export function openedByKey(event: KeyboardEvent, target: Element) {
  if (event.key !== 'Enter' && event.key !== ' ') return
  const picker = target.closest<Picker>(PICKER)
  if (!picker || !target.matches(PICKER_FIELD)) return
  void focusWhenDrawn(() => {
    describeSheet(picker)
    return columnsOf(picker)[0]
  })
}
