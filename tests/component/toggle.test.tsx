import { fireEvent, render, screen } from '@testing-library/react'
import { Toggle } from '../../src/components/toggle'
import { Toggle as WeappToggle } from '../../src/components/toggle/index.weapp'

test('the switch is named by its label and reports the new state', () => {
  const onChange = jest.fn()
  render(<Toggle label='大字模式' checked={false} onChange={onChange} />)
  fireEvent.click(screen.getByRole('switch', { name: '大字模式' }))
  expect(onChange).toHaveBeenCalledWith(true)
})

test('on WeChat a tap anywhere in the 44×44 box around the 52×32 switch toggles it', () => {
  const onChange = jest.fn()
  const { container } = render(<WeappToggle label='匿名提交' checked onChange={onChange} />)
  const target = container.querySelector('.rx-toggle-target')
  expect(target?.tagName).toBe('LABEL')
  expect(target?.contains(screen.getByRole('switch', { name: '匿名提交' }))).toBe(true)
  fireEvent.click(target!)
  expect(onChange).toHaveBeenCalledTimes(1)
  expect(onChange).toHaveBeenCalledWith(false)
})
