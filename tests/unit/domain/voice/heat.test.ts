import type { Department, Tagging, ThemeId } from '../../../../src/contract'
import { heatOf, topThemesOf } from '../../../../src/cloud/domain/voice/heat'
import type { StoredTags } from '../../../../src/cloud/domain/voice/repo'

const departments: Department[] = [
  { id: 'd1', name: '心内科', kind: 'clinical' },
  { id: 'd2', name: '骨科', kind: 'clinical' },
  { id: 'd3', name: '检验科', kind: 'medtech' },
]

let serial = 0
function tagged(
  departmentId: string,
  themes: [ThemeId, 'positive' | 'negative'][],
  visitType: 'outpatient' | 'inpatient' | null = 'outpatient',
): StoredTags {
  const tagging: Tagging = {
    sentiment: themes.some(([, p]) => p === 'negative') ? 'negative' : 'positive',
    score: 0,
    themes: themes.map(([id, polarity]) => ({ id, polarity, matched: [] })),
  }
  return { source: 'survey', sourceId: String(serial++), departmentId, month: '2026-04', visitType, tagging }
}

describe('heatOf', () => {
  it('breaks a department down by theme from five comments, and shows only the count below', () => {
    const tags = [
      ...Array.from({ length: 4 }, () => tagged('d1', [['waiting', 'negative']])),
      tagged('d1', [['courtesy', 'positive']]),
      ...Array.from({ length: 4 }, () => tagged('d2', [['waiting', 'negative']])),
    ]
    const heat = heatOf('2026-04', tags, departments)
    expect(heat.departments).toEqual([
      {
        departmentId: 'd1',
        departmentName: '心内科',
        comments: 5,
        cells: [
          { theme: 'waiting', negative: 4, positive: 0, mentions: 4 },
          { theme: 'courtesy', negative: 0, positive: 1, mentions: 1 },
        ],
      },
      { departmentId: 'd2', departmentName: '骨科', comments: 4, cells: null },
    ])
    // The hidden department's comments do not leak into the hospital's theme totals either.
    expect(heat.themes).toEqual([
      { id: 'waiting', label: '候诊时间', negative: 4 },
      { id: 'courtesy', label: '服务礼仪与态度', negative: 0 },
    ])
  })

  it('adds an inpatient 护士 to the outpatient 护士服务 column, and puts the most criticised department first', () => {
    const tags = [
      ...Array.from({ length: 5 }, () => tagged('d1', [['nursing', 'positive']])),
      ...Array.from({ length: 3 }, () => tagged('d2', [['nurse', 'negative']], 'inpatient')),
      ...Array.from({ length: 2 }, () => tagged('d2', [['nursing', 'negative']])),
    ]
    const heat = heatOf('2026-04', tags, departments)
    expect(heat.departments.map((row) => row.departmentId)).toEqual(['d2', 'd1'])
    expect(heat.departments[0].cells).toEqual([{ theme: 'nursing', negative: 5, positive: 0, mentions: 5 }])
    expect(heat.departments.map((row) => row.departmentId)).not.toContain('d3')
  })
})

describe('topThemesOf', () => {
  it('ranks the month’s themes by negative mentions, with last month’s count and the two most negative texts', () => {
    const scored = (tags: StoredTags, score: number) => ({ ...tags, tagging: { ...tags.tagging, score } })
    const current = [
      scored(tagged('d1', [['waiting', 'negative']]), -0.9),
      scored(tagged('d1', [['waiting', 'negative']]), -0.3),
      scored(tagged('d1', [['waiting', 'negative']]), -0.6),
      tagged('d1', [['courtesy', 'negative']]),
      tagged('d1', [['courtesy', 'positive']]),
    ]
    const previous = [tagged('d1', [['courtesy', 'negative']]), tagged('d1', [['courtesy', 'negative']])]
    const top = topThemesOf(current, previous)
    expect(
      top?.map(({ id, negative, mentions, previousNegative }) => ({ id, negative, mentions, previousNegative })),
    ).toEqual([
      { id: 'waiting', negative: 3, mentions: 3, previousNegative: 0 },
      { id: 'courtesy', negative: 1, mentions: 2, previousNegative: 2 },
    ])
    expect(top?.[0].examples).toEqual([current[0], current[2]])
  })

  it('gives no breakdown below five texts', () => {
    expect(topThemesOf([tagged('d1', [['waiting', 'negative']])], [])).toBeNull()
  })
})
