import { View } from '@tarojs/components'

export { scrollToFirstError } from './scroll'

/**
 * A field's error, right under the field. Only a shown error carries `rx-field__error--on`, which is
 * what `scrollToFirstError` looks for after a refused submit.
 */
export function FieldError({ message }: { message?: string | null }) {
  if (!message) return null
  return (
    <View className='rx-field__error rx-field__error--on' role='alert'>
      {message}
    </View>
  )
}
