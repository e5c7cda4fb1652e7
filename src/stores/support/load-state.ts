import { makeAutoObservable, runInAction } from 'mobx'
import { failureCode, readFailureMessage, type FailureCode } from '../../services/api/errors'

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error'

/** The loading/error half of every screen that fetches something. */
export class LoadState {
  status: LoadStatus = 'idle'
  error: string | null = null
  /** Why the last load failed: a missing record (NOT_FOUND) is not worth reloading. */
  code: FailureCode | null = null

  constructor() {
    makeAutoObservable(this)
  }

  get isLoading() {
    return this.status === 'loading'
  }

  async run<T>(load: () => Promise<T>): Promise<T | undefined> {
    this.status = 'loading'
    this.error = null
    this.code = null
    try {
      const value = await load()
      runInAction(() => (this.status = 'ready'))
      return value
    } catch (error) {
      runInAction(() => {
        this.status = 'error'
        this.error = readFailureMessage(error)
        this.code = failureCode(error)
      })
      return undefined
    }
  }
}
