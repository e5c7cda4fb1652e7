/** What `getAppBaseInfo` says about WeChat's own text size (设置 → 通用 → 字体大小). */
export interface WeChatTextSize {
  /** In px; WeChat's standard size is 17. */
  fontSizeSetting?: number
  /** 1 at the standard size. */
  fontSizeScaleFactor?: number
}

const STANDARD_FONT_PX = 17

/** Whether the person made WeChat's text larger than standard: then 大字模式 starts on. */
export function wechatTextEnlarged({ fontSizeSetting, fontSizeScaleFactor }: WeChatTextSize): boolean {
  if (fontSizeScaleFactor !== undefined && fontSizeScaleFactor > 1) return true
  return fontSizeSetting !== undefined && fontSizeSetting > STANDARD_FONT_PX
}
