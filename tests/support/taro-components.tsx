// @tarojs/components as plain DOM elements, so pages render in jsdom without the Taro runtime.
import { createElement, forwardRef, type ReactNode } from 'react'

type Props = Record<string, unknown> & { children?: ReactNode }

/** What reaches the DOM: enough for roles, names, taps and the keyboard, as Taro's H5 elements pass them. */
const PASSED = new Set(['onClick', 'onKeyDown', 'role', 'id', 'tabIndex'])

// A ref reaches the element as it does in Taro (PageShell holds its root's), so React does not warn.
function tag(name: string, map: (props: Props) => Props = (props) => props) {
  return forwardRef<HTMLElement, Props>(function TaroElement({ children, ...props }, ref) {
    const { className, hoverClass: _hover, ...rest } = map(props)
    const dom: Record<string, unknown> = { className, ref }
    for (const [key, value] of Object.entries(rest)) {
      if (PASSED.has(key) || key.startsWith('aria-')) dom[key] = value
    }
    return createElement(name, dom, children as ReactNode)
  })
}

export const View = tag('div')
export const Text = tag('span')
export const Button = tag('button', ({ loading, ...props }) => ({
  ...props,
  'aria-busy': loading ? 'true' : undefined,
}))
export const Navigator = tag('a')
export const ScrollView = tag('div')
export const Image = tag('img')
/** A real <label>: a tap on it reaches the control inside, as WeChat's `label` forwards it. */
export const Label = tag('label')

export function Input({ value, placeholder, onInput, className, type }: Props) {
  return createElement('input', {
    className,
    value: value ?? '',
    placeholder,
    type: type === 'number' ? 'number' : 'text',
    onChange: (event: { target: { value: string } }) =>
      (onInput as ((e: { detail: { value: string } }) => void) | undefined)?.({
        detail: { value: event.target.value },
      }),
  })
}

export function Textarea({ value, placeholder, onInput, className, ...props }: Props) {
  return createElement('textarea', {
    className,
    'aria-label': props['aria-label'],
    value: value ?? '',
    placeholder,
    onChange: (event: { target: { value: string } }) =>
      (onInput as ((e: { detail: { value: string } }) => void) | undefined)?.({
        detail: { value: event.target.value },
      }),
  })
}

export function Switch({ checked, onChange, ...props }: Props) {
  return createElement('input', {
    type: 'checkbox',
    role: 'switch',
    'aria-label': props['aria-label'],
    checked: Boolean(checked),
    onChange: (event: { target: { checked: boolean } }) =>
      (onChange as ((e: { detail: { value: boolean } }) => void) | undefined)?.({
        detail: { value: event.target.checked },
      }),
  })
}

/** The system picker as a select over its range; the chosen index arrives as `detail.value`, as in Taro. */
export function Picker({ range, value, onChange, children, ...props }: Props) {
  // A date picker (mode='date') has no range: it renders as an empty select.
  const options = ((range as string[] | undefined) ?? []).map((label, i) =>
    createElement('option', { key: i, value: String(i) }, label),
  )
  const select = createElement(
    'select',
    {
      'aria-label': props['aria-label'],
      value: String(value ?? 0),
      onChange: (event: { target: { value: string } }) =>
        (onChange as ((e: { detail: { value: string } }) => void) | undefined)?.({
          detail: { value: event.target.value },
        }),
    },
    options,
  )
  return createElement('div', {}, children, select)
}
