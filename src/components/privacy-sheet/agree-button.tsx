import { Button } from '@tarojs/components'

/** H5: an ordinary button; WeChat's variant is `agree-button.weapp.tsx`. */
export function AgreeButton({ onAgree }: { onAgree: () => void }) {
  return (
    <Button className='rx-button privacy-sheet__agree' onClick={onAgree}>
      同意并继续
    </Button>
  )
}
