import { Button, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { PropsWithChildren } from 'react'
import type { FailureCode } from '../../services/api/errors'
import type { LoadStatus } from '../../stores/support/load-state'
import './index.scss'

/** What a person can do next on an empty list, e.g. 去表扬/投诉 on 我的表扬与投诉. */
export interface NextStep {
  label: string
  onTap: () => void
}

interface StateViewProps {
  status: LoadStatus
  error?: string | null
  /** From `LoadState.code`: a missing or forbidden record offers 返回, since reloading cannot help. */
  errorCode?: FailureCode | null
  empty?: boolean
  emptyText?: string
  emptyAction?: NextStep
  onRetry?: () => void
}

const HOME = '/pages/tabs/care/index'
const NO_USE_RELOADING: FailureCode[] = ['NOT_FOUND', 'FORBIDDEN']

/** Back where the person came from, or home when the page was opened directly (a shared link, a scan). */
export function goBack(): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
  else void Taro.switchTab({ url: HOME })
}

/** Loading, error and empty states, so no page shows a blank screen or a dead end. */
export function StateView({
  status,
  error,
  errorCode,
  empty,
  emptyText,
  emptyAction,
  onRetry,
  children,
}: PropsWithChildren<StateViewProps>) {
  if (status === 'idle' || (status === 'loading' && empty !== false)) {
    return <View className='rx-state rx-state--loading'>正在加载…</View>
  }
  if (status === 'error') {
    const dead = errorCode !== undefined && errorCode !== null && NO_USE_RELOADING.includes(errorCode)
    return (
      <View className='rx-state rx-state--error' role='alert'>
        <View>{error ?? '暂时无法显示，请稍后再试'}</View>
        {dead ? (
          <Button className='rx-button rx-button--plain' onClick={goBack}>
            返回
          </Button>
        ) : (
          onRetry && (
            <Button className='rx-button rx-button--plain' onClick={onRetry}>
              重新加载
            </Button>
          )
        )}
      </View>
    )
  }
  if (empty) {
    return (
      <View className='rx-state rx-state--empty'>
        <View>{emptyText ?? '暂无内容'}</View>
        {emptyAction && (
          <Button className='rx-button' onClick={emptyAction.onTap}>
            {emptyAction.label}
          </Button>
        )}
      </View>
    )
  }
  return <>{children}</>
}
