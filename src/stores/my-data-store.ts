import { makeAutoObservable, runInAction } from 'mobx'
import type { MyData } from '../contract'
import type { ApiClient } from '../services/api/client'
import type { IdentityStore } from './identity-store'
import { LoadState } from './support/load-state'
import { Submission } from './support/submission'
import type { UiStore } from './ui-store'

/** 个人信息保护法 arts. 45 and 47: the person sees everything kept about them, and can have it deleted. */
export class MyDataStore {
  data: MyData | null = null
  readonly loading = new LoadState()
  readonly deletion: Submission<{ deleted: true }>

  constructor(
    private readonly api: ApiClient,
    private readonly ui: UiStore,
    private readonly identity: IdentityStore,
  ) {
    this.deletion = new Submission((requestId) =>
      this.api.call('identity', 'deleteMe', { confirm: true }, { requestId }),
    )
    makeAutoObservable<MyDataStore, 'api' | 'ui' | 'identity'>(this, { api: false, ui: false, identity: false })
  }

  async load() {
    const data = await this.loading.run(() => this.api.call('identity', 'exportMyData', {}))
    if (data) runInAction(() => (this.data = data))
  }

  /** The account stays, nameless; what the person wrote and how to reach them goes. */
  async deleteAll() {
    const done = await this.deletion.submit()
    if (!done) {
      this.ui.toast(this.deletion.error ?? '删除失败，请重试')
      return
    }
    runInAction(() => (this.data = null))
    this.ui.toast('已删除您的个人信息')
    await this.identity.load()
  }
}
