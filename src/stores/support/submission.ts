import { makeAutoObservable, runInAction } from 'mobx'
import { ApiFailure, failureCode, failureMessage, type FailureCode } from '../../services/api/errors'
import { createRequestId } from '../../services/api/request-id'
import type { FieldError } from '../../contract'

/** The write may have been carried out although no answer came back: a retry must replay it. */
const OUTCOME_UNKNOWN: ReadonlySet<FailureCode> = new Set(['NETWORK', 'INTERNAL'])

export type SubmissionStatus = 'idle' | 'pending' | 'failed' | 'done'

/**
 * One user write. The request id lives until the write succeeds or the server gives a definite
 * refusal, so a retry after a network failure or a double tap is answered with the first result
 * instead of writing twice. After a refusal nothing was kept under the id (or, for 同一次提交的内容
 * 前后不一致, the first write already stands and the person has been told), so the next try is a new
 * write: an edited form must not be refused again for the id alone.
 */
export class Submission<Result> {
  status: SubmissionStatus = 'idle'
  error: string | null = null
  fields: FieldError[] = []
  private requestId: string | null = null

  constructor(private readonly write: (requestId: string) => Promise<Result>) {
    makeAutoObservable<Submission<Result>, 'write'>(this, { write: false })
  }

  get isPending() {
    return this.status === 'pending'
  }

  fieldError(path: string): string | undefined {
    return this.fields.find((field) => field.path === path)?.message
  }

  /** The person edited these fields: their errors go (`staff` clears `staff.name` too). */
  clear(...paths: string[]) {
    const edited = (field: FieldError) => paths.some((path) => field.path === path || field.path.startsWith(`${path}.`))
    if (!this.fields.some(edited)) return
    this.fields = this.fields.filter((field) => !edited(field))
    // The summary was about the marked fields; once none is left it has nothing to point at.
    if (this.fields.length === 0) this.error = null
  }

  /** Refused before sending, by a check the form can make itself: shown exactly like the server's. */
  refuse(message: string, fields: FieldError[]) {
    this.status = 'failed'
    this.error = message
    this.fields = fields
  }

  async submit(): Promise<Result | undefined> {
    if (this.status === 'pending') return undefined
    this.requestId ??= createRequestId()
    this.status = 'pending'
    this.error = null
    this.fields = []
    try {
      const result = await this.write(this.requestId)
      runInAction(() => {
        this.status = 'done'
        this.requestId = null
      })
      return result
    } catch (error) {
      runInAction(() => {
        this.status = 'failed'
        this.error = failureMessage(error)
        this.fields = error instanceof ApiFailure ? error.fields : []
        if (!OUTCOME_UNKNOWN.has(failureCode(error))) this.requestId = null
      })
      return undefined
    }
  }
}
