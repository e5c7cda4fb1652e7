import { Input, View } from '@tarojs/components'
import { FieldError } from '../field-error'

interface TextFieldProps {
  label: string
  value: string
  onInput: (value: string) => void
  placeholder?: string
  type?: 'text' | 'number' | 'digit'
  maxlength?: number
  /** The server's message for this field, shown under it. */
  error?: string
}

/** A labelled one-line input with its error underneath: the form row the pages share. */
export function TextField({ label, value, onInput, placeholder, type = 'text', maxlength, error }: TextFieldProps) {
  return (
    <View className='rx-field'>
      <View>{label}</View>
      <Input
        className='rx-input'
        type={type}
        maxlength={maxlength}
        value={value}
        placeholder={placeholder}
        aria-label={label}
        // H5 renders the field inside Taro's own element: the name must reach the <input> itself.
        nativeProps={{ 'aria-label': label }}
        onInput={(e) => onInput(e.detail.value)}
      />
      <FieldError message={error} />
    </View>
  )
}
