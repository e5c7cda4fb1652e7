import { Button, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import { PageShell } from '../../../components/page-shell'
import { useStores } from '../../../stores/context'
import { CodeEntry } from './code-entry'
import { Questionnaire } from './questionnaire'
import './index.scss'

/** 满意度评价: open a visit (scan, link `?code=` or typed code), answer, submit, thanks. */
export default observer(function RatePage() {
  const { survey } = useStores()
  const { rating } = survey
  const { params } = useRouter()
  // A link carries `code=`; a mini-program code's launch options `scene=`, still percent-encoded.
  // Both go to the server as they came, which decodes them and refuses a broken escape.
  const linkCode = params.code ? `?code=${params.code}` : params.scene ? `?scene=${params.scene}` : ''

  useEffect(() => {
    if (linkCode) void rating.open(linkCode)
    else if (!rating.opened || rating.result) rating.close()
  }, [linkCode, rating])

  return (
    <PageShell>
      {rating.result ? (
        <View className='rx-card rate-done'>
          <View className='rx-title'>感谢您的评价！</View>
          <View>{rating.result.alert ? '您反映的问题已转给科室负责人，我们会尽快改进。' : '祝您早日康复。'}</View>
          <Button className='rx-button rx-button--plain' onClick={() => rating.close()}>
            评价另一次就诊
          </Button>
        </View>
      ) : rating.refusal ? (
        <View className='rx-card rate-refused' role='alert'>
          <View className='rx-title'>{rating.refusal.title}</View>
          <View>{rating.refusal.message}</View>
          <Button className='rx-button rx-button--plain' onClick={() => rating.close()}>
            {rating.refusal.final ? '评价另一次就诊' : '重新输入'}
          </Button>
        </View>
      ) : rating.opened ? (
        <Questionnaire />
      ) : (
        <CodeEntry />
      )}
    </PageShell>
  )
})
