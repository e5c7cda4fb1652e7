import path from 'node:path'
import simulate from 'miniprogram-simulate'

const ratingId = simulate.load(path.resolve(__dirname, '../../src/components/native/rx-rating/index'))

/** Mounts the rating inside a page-like parent, as a questionnaire would use it. */
function mount(attributes: string) {
  const changes: (number | null)[] = []
  const parentId = simulate.load({
    usingComponents: { 'rx-rating': ratingId },
    template: `<rx-rating id="rating" ${attributes} bind:change="onChange" />`,
    methods: {
      onChange(event: { detail: { value: number | null } }) {
        changes.push(event.detail.value)
      },
    },
  })
  const parent = simulate.render(parentId)
  parent.attach(document.createElement('parent-wrapper'))
  const rating = parent.querySelector('#rating')
  if (!rating) throw new Error('rx-rating did not render')
  return { rating, changes }
}

const choicesOf = (rating: ReturnType<typeof mount>['rating']) => rating.querySelectorAll('.rx-rating__choice')
const text = (node: { dom?: Node }) => node.dom?.textContent?.replace(/\s+/g, '')

test('shows the five Chinese labels, and 不适用 only where the item allows it', () => {
  expect(choicesOf(mount('').rating).map(text)).toEqual(['1非常不满意', '2不满意', '3一般', '4满意', '5非常满意'])
  expect(choicesOf(mount('na="{{true}}"').rating).map(text).at(-1)).toBe('不适用')
})

test('a tap selects the choice and reports it; 不适用 reports null; a repeated tap reports nothing', async () => {
  const { rating, changes } = mount('na="{{true}}"')
  const choices = choicesOf(rating)

  choices[3].dispatchEvent('tap')
  await simulate.sleep(0)
  expect(rating.data.value).toBe(4)
  expect((choices[3].dom as Element).className).toContain('rx-rating__choice--on')

  choices[5].dispatchEvent('tap')
  await simulate.sleep(0)
  choices[5].dispatchEvent('tap')
  await simulate.sleep(0)
  expect(changes).toEqual([4, null])
  expect(rating.querySelectorAll('.rx-rating__choice--on')).toHaveLength(1)
})
