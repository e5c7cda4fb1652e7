import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { useState } from 'react'
import { View } from '@tarojs/components'
import { ChoiceGrid } from '../../src/components/choice-grid'
import { EntryGrid } from '../../src/components/entry-grid'
import { Rating } from '../../src/pages/feedback/shared/rating'
import { PageShell } from '../../src/components/page-shell'
import { markButton, pressOnKey } from '../../src/components/page-shell/keyboard'
import { StoreContext } from '../../src/stores/context'
import { RootStore } from '../../src/stores/root-store'
import { createMemoryStorage } from '../../src/stores/support/storage'
import { fakeApi } from '../support/fake-api'
import { calls } from '../support/taro-api'

function mount(ui: JSX.Element) {
  const { api } = fakeApi(() => ({ ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录' } }))
  const store = new RootStore({ api, storage: createMemoryStorage(), toast: () => {}, devSignIn: null })
  return render(<StoreContext.Provider value={store}>{ui}</StoreContext.Provider>)
}

/** What Taro draws for `<Button>` on H5: its own element, no role, no tab stop. */
function taroButton(label: string, onClick: () => void): HTMLElement {
  const button = document.createElement('taro-button-core')
  button.textContent = label
  button.addEventListener('click', onClick)
  return button
}

test("Taro's H5 button gets a button role and a tab stop, and Enter and Space press it once each", async () => {
  const { container } = mount(
    <PageShell privacySheet={false}>
      <View id='slot'>内容</View>
    </PageShell>,
  )
  const pressed = jest.fn()
  const button = taroButton('提交问卷', pressed)
  container.querySelector('#slot')!.appendChild(button)
  // The page marks buttons as they appear (a MutationObserver), not only those there at first.
  await screen.findByRole('button', { name: '提交问卷' })
  expect(button.getAttribute('tabindex')).toBe('0')

  fireEvent.keyDown(button, { key: 'Enter' })
  fireEvent.keyDown(button, { key: ' ' })
  fireEvent.keyDown(button, { key: 'Enter', repeat: true })
  fireEvent.keyDown(button, { key: 'a' })
  expect(pressed).toHaveBeenCalledTimes(2)
})

test('a disabled Taro button leaves the tab order and ignores Enter', () => {
  const pressed = jest.fn()
  const button = taroButton('提交', pressed)
  button.addEventListener('keydown', pressOnKey)
  button.setAttribute('disabled', '')
  markButton(button)
  expect(button.getAttribute('tabindex')).toBe('-1')
  expect(button.getAttribute('aria-disabled')).toBe('true')
  fireEvent.keyDown(button, { key: 'Enter' })
  expect(pressed).not.toHaveBeenCalled()

  // Enabled again: the aria-disabled the page wrote before does not keep it disabled.
  button.removeAttribute('disabled')
  markButton(button)
  expect(button.getAttribute('tabindex')).toBe('0')
  expect(button.hasAttribute('aria-disabled')).toBe(false)
  fireEvent.keyDown(button, { key: 'Enter' })
  expect(pressed).toHaveBeenCalledTimes(1)

  // Taro may disable a button by its property alone.
  Object.assign(button, { disabled: true })
  markButton(button)
  fireEvent.keyDown(button, { key: 'Enter' })
  expect(button.getAttribute('tabindex')).toBe('-1')
  expect(pressed).toHaveBeenCalledTimes(1)
})

function Question({ onPick }: { onPick: (score: number) => void }) {
  const [chosen, choose] = useState<number | null>(null)
  return (
    <ChoiceGrid
      label='服务态度'
      choices={[5, 4, 3].map((v) => ({ value: v, label: `${v} 分` }))}
      isOn={(v) => v === chosen}
      onPick={(v) => {
        choose(v)
        onPick(v)
      }}
    />
  )
}

test('a question is one tab stop: the chosen tile or the first; arrows move and choose, Space and Enter choose', async () => {
  const onPick = jest.fn()
  mount(
    <PageShell privacySheet={false}>
      <Question onPick={onPick} />
    </PageShell>,
  )
  const tiles = screen.getAllByRole('radio')
  const stops = () => tiles.map((tile) => tile.getAttribute('tabindex'))
  expect(stops()).toEqual(['0', '-1', '-1'])

  fireEvent.keyDown(tiles[0], { key: 'ArrowLeft' })
  expect(document.activeElement).toBe(tiles[2])
  fireEvent.keyDown(tiles[2], { key: 'ArrowRight' })
  expect(document.activeElement).toBe(tiles[0])
  fireEvent.keyDown(tiles[0], { key: 'ArrowDown' })
  expect(onPick.mock.calls).toEqual([[3], [5], [4]])
  // The chosen answer is where Tab comes back to (the page watches aria-checked).
  await waitFor(() => expect(stops()).toEqual(['-1', '0', '-1']))

  fireEvent.keyDown(tiles[2], { key: ' ' })
  fireEvent.keyDown(tiles[0], { key: 'Enter' })
  expect(onPick.mock.calls.slice(3)).toEqual([[3], [5]])
})

test('an entry tile is a button a keyboard opens', () => {
  mount(
    <PageShell privacySheet={false}>
      <EntryGrid entries={[{ title: '满意度评价', description: '就诊后评价', url: '/pages/survey/rate/index' }]} />
    </PageShell>,
  )
  const before = calls.navigateTo.length
  const tile = screen.getByRole('button', { name: /满意度评价/ })
  expect(tile.getAttribute('tabindex')).toBe('0')
  fireEvent.keyDown(tile, { key: 'Enter' })
  expect(calls.navigateTo.slice(before)).toEqual(['/pages/survey/rate/index'])
})

test('a chip that says whether it is pressed becomes a toggle button a keyboard presses', () => {
  const onTap = jest.fn()
  mount(
    <PageShell privacySheet={false}>
      <View aria-pressed={false} onClick={onTap}>
        服务态度
      </View>
    </PageShell>,
  )
  const chip = screen.getByRole('button', { name: '服务态度' })
  expect(chip.getAttribute('tabindex')).toBe('0')
  fireEvent.keyDown(chip, { key: ' ' })
  expect(onTap).toHaveBeenCalledTimes(1)
})

test('a native button is left to the browser, so Enter does not press it twice', () => {
  const pressed = jest.fn()
  mount(
    <PageShell privacySheet={false}>
      <button onClick={pressed}>原生按钮</button>
    </PageShell>,
  )
  fireEvent.keyDown(screen.getByRole('button', { name: '原生按钮' }), { key: 'Enter' })
  expect(pressed).not.toHaveBeenCalled()
})

test("a complaint's handling is rated from the keyboard: the stars are radios, Enter on one gives it", async () => {
  const rated = jest.fn()
  mount(
    <PageShell privacySheet={false}>
      <Rating value={2} onRate={rated} />
    </PageShell>,
  )
  const two = await screen.findByRole('radio', { name: '2星' })
  const four = screen.getByRole('radio', { name: '4星' })
  expect(two.getAttribute('aria-checked')).toBe('true')
  // One tab stop for the five, on the given star, as a group of radio buttons has.
  await waitFor(() => expect(two.getAttribute('tabindex')).toBe('0'))
  expect(four.getAttribute('tabindex')).toBe('-1')
  fireEvent.keyDown(four, { key: 'Enter' })
  expect(rated).toHaveBeenCalledWith(4)
})

test('a rating only shown is one image named by its stars, not five controls', () => {
  mount(<Rating value={3} />)
  expect(screen.queryAllByRole('radio')).toEqual([])
  expect(screen.getByRole('img', { name: '3星' })).toBeTruthy()
})
