import { Button, Textarea, View } from '@tarojs/components'
import { FieldError } from '../../../components/field-error'
import { observer } from 'mobx-react-lite'
import { PageShell } from '../../../components/page-shell'
import { TextField } from '../../../components/text-field'
import type { ImportVisitsResult } from '../../../contract'
import { pickTextFile } from '../../../services/pick-text-file'
import { useStores } from '../../../stores/context'
import { SLIPS_PER_PRINT } from '../../../stores/survey/visits'
import { SlipSheet } from './slip-sheet'
import './index.scss'

const HEADER = 'visit_id,type,department,visit_date,doctor'

function ImportSummary({ result }: { result: ImportVisitsResult }) {
  return (
    <View className='rx-card' aria-label='导入结果'>
      <View className='rx-title'>导入结果</View>
      <View>
        新增 {result.added} 条 · 已有未重复导入 {result.skipped} 条 · 有误 {result.errors.length} 行
      </View>
      {result.errors.map((e) => (
        <View key={e.line} className='rx-field__error'>
          第{e.line}行：{e.message}
        </View>
      ))}
      {result.added > SLIPS_PER_PRINT && (
        <View className='rx-muted'>本次新增较多，下方先准备前 {SLIPS_PER_PRINT} 张凭条；其余可按就诊号单张补打。</View>
      )}
    </View>
  )
}

/** 就诊导入与评价码: import the HIS export, then print a slip per visit, or one slip again. */
export default observer(function VisitsPage() {
  const { survey } = useStores()
  const { visits } = survey
  const { importing, single } = visits
  const web = process.env.TARO_ENV !== 'weapp'

  const pick = async () => {
    const text = await pickTextFile()
    if (text !== null) visits.setCsv(text)
  }

  return (
    <PageShell>
      <View className='visits-controls'>
        <View className='rx-card'>
          <View className='rx-title'>导入就诊记录</View>
          <View className='rx-muted visits-header'>从 HIS 导出 CSV，第一行为表头：{HEADER}</View>
          <Textarea
            className='rx-input rx-textarea visits-csv'
            value={visits.csv}
            maxlength={60000}
            placeholder={`${HEADER}\nMZ20261130001,门诊,心内科,2026-11-30,张医生`}
            aria-label='就诊记录 CSV'
            onInput={(e) => visits.setCsv(e.detail.value)}
          />
          <FieldError message={importing.fieldError('csv')} />
          {importing.error && (
            <View className='rx-field__error' role='alert'>
              {importing.error}
            </View>
          )}
          <View className='visits-actions'>
            <Button className='rx-button rx-button--plain' onClick={() => void pick()}>
              选择文件
            </Button>
            <Button className='rx-button' loading={importing.isPending} onClick={() => void visits.importCsv()}>
              导入
            </Button>
          </View>
        </View>

        {visits.result && <ImportSummary result={visits.result} />}

        <View className='rx-card'>
          <View className='rx-title'>补打单张评价码</View>
          <TextField
            label='就诊号'
            value={visits.singleVisitId}
            placeholder='如 MZ20261130001'
            onInput={(id) => visits.setSingleVisitId(id)}
            error={single.fieldError('visitId') ?? single.error ?? undefined}
          />
          <Button
            className='rx-button rx-button--plain'
            loading={single.isPending}
            onClick={() => void visits.printOne()}
          >
            生成这一张
          </Button>
        </View>

        {visits.slips.length > 0 && (
          <View className='rx-card'>
            <View className='rx-title'>待打印凭条 {visits.slips.length} 张</View>
            {web ? (
              <Button
                className='rx-button'
                disabled={!visits.readyToPrint}
                loading={visits.drawing}
                onClick={() => window.print()}
              >
                打印评价码（A4，每页8张）
              </Button>
            ) : (
              <View className='rx-muted'>请在电脑浏览器中打开管理后台打印；手机上可预览下方凭条。</View>
            )}
            <Button className='rx-button rx-button--plain' onClick={() => visits.clearSlips()}>
              清空
            </Button>
          </View>
        )}
      </View>
      <SlipSheet />
    </PageShell>
  )
})
