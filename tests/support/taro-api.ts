import { useEffect } from 'react'

// The few @tarojs/taro calls components make, recorded so tests can assert on them.
export const calls: {
  navigateTo: string[]
  toasts: string[]
  modals: string[]
  navigateBack: number
  switchTab: string[]
} = {
  navigateTo: [],
  toasts: [],
  modals: [],
  navigateBack: 0,
  switchTab: [],
}
/** The page's pull-down handler, so a test can pull; and how often the page stopped the spinner. */
export const pullDown: { handler: (() => void) | null; stopped: number } = { handler: null, stopped: 0 }
/** How many pages are on the stack, for `getCurrentPages`. */
export const pageStack = { depth: 2 }
/** How the person answers the next `showModal`. */
export const modalAnswer = { confirm: true }
const storage = new Map<string, unknown>()

/** A page shows once, when it mounts. */
export function useDidShow(show: () => void) {
  // Once, on mount: a page rendered in a test shows once.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => show(), [])
}

/** The params of the page under test, for `useRouter`. */
export const route: { params: Record<string, string> } = { params: {} }

export function useRouter() {
  return route
}

export function usePullDownRefresh(handler: () => void) {
  pullDown.handler = handler
}

const Taro = {
  arrayBufferToBase64: (buffer: ArrayBuffer) => Buffer.from(buffer).toString('base64'),
  stopPullDownRefresh: () => void (pullDown.stopped += 1),
  navigateTo: async ({ url }: { url: string }) => void calls.navigateTo.push(url),
  navigateBack: async () => void (calls.navigateBack += 1),
  switchTab: async ({ url }: { url: string }) => void calls.switchTab.push(url),
  getCurrentPages: () => Array.from({ length: pageStack.depth }, () => ({})),
  showToast: async ({ title }: { title: string }) => void calls.toasts.push(title),
  showModal: async ({ title }: { title: string }) => {
    calls.modals.push(title)
    return { confirm: modalAnswer.confirm, cancel: !modalAnswer.confirm }
  },
  getStorageSync: (key: string) => storage.get(key) ?? '',
  setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
  removeStorageSync: (key: string) => void storage.delete(key),
}

export default Taro
