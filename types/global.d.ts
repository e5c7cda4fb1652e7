/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.svg'
declare module '*.scss'

/** Build-time constants from config/index.ts. */
declare const RENXIN_TRANSPORT: 'cloud' | 'http'
declare const RENXIN_API_BASE: string
declare const RENXIN_CLOUD_ENV: string
declare const RENXIN_DEV_TOOLS: boolean

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV?: 'weapp' | 'h5' | 'swan' | 'alipay' | 'tt' | 'qq' | 'jd' | undefined
  }
}

/** Native mini-program components the weapp pages use (listed in the page's `usingComponents`). */
declare namespace JSX {
  interface IntrinsicElements {
    'rx-rating': {
      /** 1–5 chosen, 0 不适用, -1 not answered yet. */
      value: number
      /** Offers 不适用. */
      na?: boolean
      labels?: string[]
      onChange?: (event: { detail: { value: number | null } }) => void
    }
  }
}
