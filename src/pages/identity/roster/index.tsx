import { Button, Picker, Textarea, View } from '@tarojs/components'
import { useFreshList } from '../../../components/fresh-list'
import { FieldError } from '../../../components/field-error'
import { observer } from 'mobx-react-lite'
import { PageShell } from '../../../components/page-shell'
import { StateView } from '../../../components/state-view'
import { useEffect } from 'react'
import {
  DEPARTMENT_KIND_LABELS,
  DEPARTMENT_KINDS,
  ROSTER_COLUMNS,
  ROSTER_IMPORT_MAX_ROWS,
  type ImportRosterResult,
} from '../../../contract'
import { useStores } from '../../../stores/context'
import './index.scss'

const ImportSummary = observer(function ImportSummary({ result }: { result: ImportRosterResult }) {
  const counts = [
    { label: '新增', value: result.created },
    { label: '更新', value: result.updated },
    { label: '未变', value: result.unchanged },
    { label: '有误', value: result.errors.length },
  ]
  return (
    <View className='rx-card' aria-label='导入结果'>
      <View className='rx-title'>导入结果</View>
      <View className='roster-counts'>
        {counts.map((c) => (
          <View key={c.label}>
            {c.label} <View className='roster-count'>{c.value}</View>
          </View>
        ))}
      </View>
      {result.departmentsCreated.length > 0 && (
        <View className='rx-muted'>新建科室：{result.departmentsCreated.join('、')}</View>
      )}
      {result.errors.length > 0 && (
        <View className='rx-field'>
          <View>以下行未导入，请改正后重新导入（已导入的行不会重复）：</View>
          {result.errors.map((e) => (
            <View key={e.line} className='rx-field__error'>
              第{e.line}行：{e.message}
            </View>
          ))}
        </View>
      )}
    </View>
  )
})

/** The import guesses each new department's kind from its name; the kind decides what the public board lists. */
const DepartmentKinds = observer(function DepartmentKinds() {
  const { identity, roster } = useStores()
  useFreshList(() => identity.reloadDepartments())
  // An import may add departments.
  useEffect(() => {
    if (roster.result) void identity.reloadDepartments()
  }, [identity, roster.result])
  return (
    <View className='rx-card'>
      <View className='rx-title'>科室类别</View>
      <View className='rx-muted'>满意度公示只列临床和医技科室。新科室的类别按名称推断，如有误请在此更正。</View>
      <StateView
        status={identity.departmentsLoading.status}
        error={identity.departmentsLoading.error}
        errorCode={identity.departmentsLoading.code}
        empty={identity.departments.length === 0}
        emptyText='还没有科室，请先导入花名册'
        onRetry={() => void identity.reloadDepartments()}
      >
        {identity.departments.map((department) => (
          <View key={department.id} className='rx-row roster-kind'>
            <View>{department.name}</View>
            <Picker
              mode='selector'
              aria-label={`${department.name}的类别`}
              range={DEPARTMENT_KINDS.map((kind) => DEPARTMENT_KIND_LABELS[kind])}
              value={DEPARTMENT_KINDS.indexOf(department.kind)}
              onChange={(e) => void identity.setDepartmentKind(department.id, DEPARTMENT_KINDS[Number(e.detail.value)])}
            >
              <View className='rx-input roster-kind__value'>{DEPARTMENT_KIND_LABELS[department.kind]}</View>
            </Picker>
          </View>
        ))}
      </StateView>
    </View>
  )
})

export default observer(function RosterPage() {
  const { identity, roster } = useStores()
  const { submission } = roster
  return (
    <PageShell>
      <StateView
        status={identity.loading.status}
        error={identity.loading.error}
        errorCode={identity.loading.code}
        onRetry={() => void identity.load()}
      >
        {identity.hasRole('admin') ? (
          <View>
            <View className='rx-card'>
              <View className='rx-title'>导入职工花名册</View>
              <View className='rx-muted'>
                列：{ROSTER_COLUMNS.join('、')}
                （是/否）。工号已存在的更新（已认证职工的姓名、科室随之更新，科室负责人的管理科室不变），科室不存在的自动新建。每次不超过
                {ROSTER_IMPORT_MAX_ROWS}行，更多请分批导入。
              </View>
              <Textarea
                className='rx-textarea roster-textarea'
                aria-label='花名册内容'
                value={roster.text}
                maxlength={-1}
                placeholder='从 Excel 复制粘贴（含表头）'
                onInput={(e) => roster.setText(e.detail.value)}
              />
              <View className='rx-muted'>共 {roster.rowCount} 行</View>
              {roster.textError && <FieldError message={roster.textError} />}
              {submission.error && <View className='rx-field__error'>{submission.error}（已为您保留粘贴的内容）</View>}
            </View>
            <Button className='rx-button' loading={submission.isPending} onClick={() => void roster.importRoster()}>
              导入
            </Button>
            {roster.result && <ImportSummary result={roster.result} />}
            <DepartmentKinds />
          </View>
        ) : (
          <View className='rx-card rx-muted'>仅管理员可导入职工花名册</View>
        )}
      </StateView>
    </PageShell>
  )
})
