import { makeAutoObservable, runInAction } from 'mobx'
import { canonicalTheme, THEME_LABELS, type CanonicalThemeId, type Tagging, type TaggedSource } from '../contract'
import type { ApiClient } from '../services/api/client'

/** The themes of the texts a list shows (the complaint queue), and a filter by theme. */
export class VoiceTagsStore {
  tags: Record<string, Tagging> = {}
  theme: CanonicalThemeId | null = null

  constructor(private readonly api: ApiClient) {
    makeAutoObservable<VoiceTagsStore, 'api'>(this, { api: false })
  }

  /** Tags are a help, not the list: when they fail to load, the list shows without them. */
  async load(source: TaggedSource, ids: string[]) {
    if (ids.length === 0) return
    try {
      const tags = await this.api.call('voice', 'tagsOf', { source, ids: ids.slice(0, 200) })
      runInAction(() => (this.tags = tags))
    } catch {
      runInAction(() => (this.tags = {}))
    }
  }

  setTheme(theme: CanonicalThemeId | null) {
    this.theme = theme
  }

  /** The themes the listed texts have, for the filter's options. */
  get themes(): { id: CanonicalThemeId; label: string }[] {
    const ids = new Set(Object.values(this.tags).flatMap((tagging) => tagging.themes.map((t) => canonicalTheme(t.id))))
    return [...ids].map((id) => ({ id, label: THEME_LABELS[id] }))
  }

  shows(id: string): boolean {
    if (this.theme === null) return true
    return this.tags[id]?.themes.some((t) => canonicalTheme(t.id) === this.theme) ?? false
  }
}
