import type { CallResult } from '../../contract'
import type { Runtime } from './context'
import type { FunctionDef } from './define'
import { dispatch } from './dispatch'

/** WeChat's cloud-function signature; the context shape differs by platform, so it stays opaque here. */
export type CloudMain = (event: unknown, context: unknown) => Promise<CallResult<unknown>>

/**
 * Builds `main(event, context)` for one function. `openIdOf` is the platform's only say in who is
 * calling: WeChat's getWXContext() in production, the verified token's subject in the local host.
 */
export function createMain(
  name: string,
  fn: FunctionDef,
  runtime: () => Promise<Runtime>,
  openIdOf: (context: unknown) => string | undefined,
): CloudMain {
  return async (event, context) => {
    let ready: Runtime
    try {
      ready = await runtime()
    } catch (error) {
      // No storage or secrets: the caller gets the same envelope as any other failure, the log gets why.
      console.error(`cloud function ${name} cannot start`, error)
      return { ok: false, error: { code: 'INTERNAL', message: '服务暂不可用，请稍后再试' } }
    }
    return dispatch(name, fn, event, openIdOf(context), ready)
  }
}
