/** Unique enough for idempotency keys; the mini-program runtime has no crypto.randomUUID. */
export function createRequestId(): string {
  const random = Math.random().toString(36).slice(2, 12)
  return `${Date.now().toString(36)}-${random}-${Math.random().toString(36).slice(2, 8)}`
}
