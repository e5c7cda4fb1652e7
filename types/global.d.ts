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
