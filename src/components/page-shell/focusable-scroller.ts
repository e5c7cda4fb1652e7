import { useEffect, useRef } from 'react'

/**
 * H5: Taro's page element is what scrolls. A keyboard user can scroll it only if it takes focus
 * (WCAG 2.1.1, axe's scrollable-region-focusable); pages without a focusable control have none.
 * Returns the ref for the page's root view.
 */
export function useFocusableScroller() {
  const root = useRef<HTMLElement>(null)
  useEffect(() => {
    const page = root.current?.closest('.taro_page')
    if (page && !page.hasAttribute('tabindex')) page.setAttribute('tabindex', '0')
  }, [])
  return root
}
