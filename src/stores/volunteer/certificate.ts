import { makeAutoObservable, runInAction } from 'mobx'
import type { Certificate, CertificateCheck } from '../../contract'
import type { ApiClient } from '../../services/api/client'
import { LoadState } from '../support/load-state'

/** 志愿服务证明: the volunteer's own for a year or all service, and anyone's check of a number. */
export class VolunteerCertificateStore {
  /** null: all service to date. */
  year: number | null = null
  certificate: Certificate | null = null
  readonly loading = new LoadState()
  number = ''
  check: CertificateCheck | null = null
  readonly checking = new LoadState()

  constructor(private readonly api: ApiClient) {
    makeAutoObservable<VolunteerCertificateStore, 'api'>(this, { api: false })
  }

  async load(year: number | null = this.year) {
    this.year = year
    const certificate = await this.loading.run(() =>
      this.api.call('volunteer', 'certificate', year === null ? {} : { year }),
    )
    if (certificate) runInAction(() => (this.certificate = certificate))
  }

  setNumber(number: string) {
    this.number = number
  }

  async verify(number: string = this.number) {
    this.number = number
    const check = await this.checking.run(() => this.api.call('volunteer', 'verifyCertificate', { number }))
    if (check) runInAction(() => (this.check = check))
  }
}
