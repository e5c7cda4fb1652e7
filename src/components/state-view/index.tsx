import { Button, View } from '@tarojs/components'
import type { PropsWithChildren } from 'react'
import type { LoadStatus } from '../../stores/support/load-state'
import './index.scss'

interface StateViewProps {
  status: LoadStatus
  error?: string | null
  empty?: boolean
  emptyText?: string
  onRetry?: () => void
}

/** Loading, error (with retry) and empty states, so no page shows a blank screen. */
export function StateView({ status, error, empty, emptyText, onRetry, children }: PropsWithChildren<StateViewProps>) {
  if (status === 'idle' || (status === 'loading' && empty !== false)) {
    return <View className='rx-state rx-state--loading'>正在加载…</View>
  }
  if (status === 'error') {
    return (
      <View className='rx-state rx-state--error' role='alert'>
        <View>{error ?? '加载失败'}</View>
        {onRetry && (
          <Button className='rx-button rx-button--plain' onClick={onRetry}>
            重新加载
          </Button>
        )}
      </View>
    )
  }
  if (empty) return <View className='rx-state rx-state--empty'>{emptyText ?? '暂无内容'}</View>
  return <>{children}</>
}
