/**
 * A repository whose cloud-database adapter does not exist yet: every call fails loudly (the caller
 * gets INTERNAL with an incident id) instead of silently storing nothing. The personal-data
 * adapter is tracked in issue 8; the local host and tests use PGlite for it.
 */
export function pendingAdapter<T extends object>(area: string): T {
  return new Proxy({} as T, {
    get: (_target, method) => () =>
      Promise.reject(new Error(`${area}.${String(method)} is not implemented on the WeChat cloud database yet`)),
  })
}
