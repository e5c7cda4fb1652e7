import { useRef } from 'react'

/** WeChat scrolls the page natively and reaches it without focus: nothing to do. */
export function useFocusableScroller() {
  return useRef<HTMLElement>(null)
}
