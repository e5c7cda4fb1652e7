import { Label, Switch } from '@tarojs/components'
import type { ToggleProps } from './index'
import './index.weapp.scss'

/**
 * WeChat's native switch is 52×32 and cannot be made larger without blurring it. A label around it
 * forwards a tap anywhere in its 44×44 (and larger in 大字模式) box to the switch, as WeChat's
 * `label` does for the control inside it, so the target is big enough while the switch looks native.
 */
export function Toggle({ label, checked, onChange }: ToggleProps) {
  return (
    <Label className='rx-toggle-target'>
      <Switch
        className='rx-toggle'
        aria-label={label}
        checked={checked}
        color='#b71c1c'
        onChange={(e) => onChange(e.detail.value)}
      />
    </Label>
  )
}
