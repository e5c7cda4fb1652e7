import type { FeedbackApi } from '../../src/contract'
import type { FunctionOf } from '../../src/cloud/core/define'
import { feedbackFunction } from '../../src/cloud/domain/feedback/function'

/*
 * Checked by `npm run typecheck`, not run by jest: each `@ts-expect-error` fails the typecheck if
 * `FunctionOf` let that drift between a function's action table and the client's API map through.
 */
// The table as it is fits, so the errors below come from the drift each one makes.
export const whole = { ...feedbackFunction } satisfies FunctionOf<FeedbackApi>
const { close: _close, ...withoutClose } = feedbackFunction
// @ts-expect-error an action the client calls is missing from the table
export const missing = withoutClose satisfies FunctionOf<FeedbackApi>
// @ts-expect-error the table has an action the client does not know
export const extra = { ...feedbackFunction, archive: feedbackFunction.close } satisfies FunctionOf<FeedbackApi>
// @ts-expect-error a handler answers something other than the endpoint's output
export const drifted = { ...feedbackFunction, wall: feedbackFunction.mine } satisfies FunctionOf<FeedbackApi>
