import { CONTACT_KEPT_DAYS } from '../../../contract'

/** One kind of personal data: what it is, who sees it, how long it is kept. */
export interface DataKind {
  title: string
  what: string
  who: string
  kept: string
}

/**
 * Every piece of personal data the app keeps, as the contracts and the storage define it. "删除" below
 * is 「我的 → 个人信息保护政策 → 删除我的个人信息」 (identity.deleteMe).
 */
export const DATA_KINDS: DataKind[] = [
  {
    title: '微信账户',
    what: '微信为本小程序分配的用户标识（OpenID）、姓名（职工认证后取自花名册）、身份、所在科室，以及大字模式和单独同意的选择',
    who: '您本人；管理员可见身份和科室',
    kept: '保存至您删除个人信息：删除后姓名、身份、科室和偏好清空，只留下无名账户',
  },
  {
    title: '职工认证',
    what: '工号与姓名，与医院花名册核对',
    who: '您本人、审核的管理员',
    kept: '删除个人信息时一并删除',
  },
  {
    title: '志愿者报名',
    what: '姓名、手机号、所属队伍、特长、可服务时间',
    who: '志愿服务管理员',
    kept: '删除个人信息时一并删除；服务时长记录保留在无名账户下，用于统计',
  },
  {
    title: '呼叫志愿者',
    what: '需要的帮助、所在位置、要去的科室、人数、备注，以及您对服务的评分和评语',
    who: '接单的志愿者、志愿服务管理员',
    kept: '删除个人信息时，位置、备注和评语删除，未完成的求助取消',
  },
  {
    title: '表扬与投诉',
    what: '科室、人员、类别、您写的经过、联系电话（选填）、是否匿名',
    who: '经办科室管理者和管理员；联系电话仅处理人可见；表扬经审核后可上表扬墙',
    kept: '删除个人信息时，文字和联系电话删除，事项保留用于科室统计',
  },
  {
    title: '满意度评价',
    what: '评分和意见。评价不记录是谁填写，只保留日期',
    who: '科室管理者和管理员看到汇总和意见，看不到填写人',
    kept: '与您的账户无关联，无法也无需导出或删除',
  },
  {
    title: '差评回访电话',
    what: '只有您同意回访时才留下的手机号',
    who: '负责回访的科室管理者',
    kept: `差评处理结束 ${CONTACT_KEPT_DAYS} 天后自动删除`,
  },
  {
    title: '学习签到与请假',
    what: '签到、签退时间、学分，请假原因；签到要求现场核验时，签到那一刻的位置或所连 Wi-Fi 只用来判断是否在会场，不保存，只记录“现场核验”或“组织者确认”',
    who: '本科室管理者、组织者和管理员',
    kept: '删除个人信息时请假原因删除，签到记录保留在无名账户下用于出勤统计',
  },
  {
    title: '职工满意度调查',
    what: '匿名填写的答案',
    who: '只显示汇总，任何人看不到填写人',
    kept: '与您的账户无关联',
  },
  {
    title: '管理操作记录',
    what: '管理员和科室管理者的审核、授权、导入等操作：谁、何时、对哪条记录',
    who: '管理员',
    kept: '作为医院管理记录保存，不含您填写的文字',
  },
]

export const SENSITIVE_TEXT_NOTE =
  '您写下的病情、治疗和就医经历属于敏感个人信息。第一次填写这类文字前，我们会请您单独同意；不同意也不影响使用其他功能。'
