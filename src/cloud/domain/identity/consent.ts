import { SENSITIVE_TEXT_REFUSED } from '../../../contract'
import { forbidden } from '../../core/app-error'
import type { Ctx } from '../../core/context'

/**
 * 单独同意 (个人信息保护法 art. 29), enforced where the text is stored and not only where it is typed:
 * free text about one's treatment is accepted only from a person who has agreed, as recorded on
 * their user row (read with the caller, so it costs no extra read).
 */
export function requireSensitiveTextConsent(ctx: Ctx): void {
  if (ctx.caller.sensitiveText !== 'granted') throw forbidden(SENSITIVE_TEXT_REFUSED)
}
