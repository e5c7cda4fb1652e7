import Taro from '@tarojs/taro'

/**
 * Subscribe-message template ids per outbox template name, as registered in the WeChat admin
 * console (订阅消息). The cloud sender maps the outbox's `template` to the same ids.
 */
export const SUBSCRIBE_TEMPLATE_IDS: Record<'feedbackStatus', string> = {
  feedbackStatus: 'renxin-feedback-status',
}

/** Asks before a submit, as WeChat requires a tap; a refusal or failure never stops the submit. */
export async function askForStatusMessages(): Promise<void> {
  if (process.env.TARO_ENV !== 'weapp') return
  try {
    await Taro.requestSubscribeMessage({ tmplIds: Object.values(SUBSCRIBE_TEMPLATE_IDS), entityIds: [] })
  } catch {
    // Refused or unavailable: the item still goes in, without WeChat messages.
  }
}
