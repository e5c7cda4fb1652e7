import { Button } from '@tarojs/components'
import { PRIVACY_AGREE_BUTTON_ID } from './agree-id'

export function AgreeButton({ onAgree }: { onAgree: () => void }) {
  return (
    <Button
      id={PRIVACY_AGREE_BUTTON_ID}
      className='rx-button privacy-sheet__agree'
      openType='agreePrivacyAuthorization'
      onAgreePrivacyAuthorization={onAgree}
    >
      同意并继续
    </Button>
  )
}
