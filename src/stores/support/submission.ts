import { makeAutoObservable, runInAction } from 'mobx'
import { ApiFailure, failureMessage } from '../../services/api/errors'
import { createRequestId } from '../../services/api/request-id'
import type { FieldError } from '../../contract'

export type SubmissionStatus = 'idle' | 'pending' | 'failed' | 'done'

/**
 * One user write. The request id lives until the write succeeds, so a retry after a network
 * failure or a double tap is answered with the first result instead of writing twice.
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
      })
      return undefined
    }
  }
}
