// The few @tarojs/taro calls components make, recorded so tests can assert on them.
export const calls: { navigateTo: string[]; toasts: string[] } = { navigateTo: [], toasts: [] }
const storage = new Map<string, unknown>()

const Taro = {
  navigateTo: async ({ url }: { url: string }) => void calls.navigateTo.push(url),
  showToast: async ({ title }: { title: string }) => void calls.toasts.push(title),
  getStorageSync: (key: string) => storage.get(key) ?? '',
  setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
  removeStorageSync: (key: string) => void storage.delete(key),
}

export default Taro
