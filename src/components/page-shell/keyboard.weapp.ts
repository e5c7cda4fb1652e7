import type { RefObject } from 'react'

/** WeChat's buttons are native and its tiles are reached by touch and the screen reader: nothing to add. */
export function useKeyboardControls(_root: RefObject<HTMLElement>) {}
