import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'

/**
 * A list is fresh whenever its page shows (back from a detail, or from another tab) and when the
 * person pulls down (`pull`, e.g. without the loading state); the page's config turns on `enablePullDownRefresh`.
 */
export function useFreshList(load: () => Promise<unknown>, pull: () => Promise<unknown> = load): void {
  useDidShow(() => void load())
  usePullDownRefresh(() => void pull().finally(() => void Taro.stopPullDownRefresh()))
}
