import { Switch } from '@tarojs/components'

export interface ToggleProps {
  /** What the switch turns on; its accessible name. */
  label: string
  checked: boolean
  onChange: (on: boolean) => void
}

/**
 * The app's on/off switch. On H5 Taro draws the checkbox inside its own element, so the name is
 * passed down to it as well; the switch's 44px target comes from app.scss (.rx-toggle). WeChat's
 * native switch is wrapped instead: index.weapp.tsx.
 */
export function Toggle({ label, checked, onChange }: ToggleProps) {
  return (
    <Switch
      className='rx-toggle'
      aria-label={label}
      nativeProps={{ 'aria-label': label }}
      checked={checked}
      color='#b71c1c'
      onChange={(e) => onChange(e.detail.value)}
    />
  )
}
