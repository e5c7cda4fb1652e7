/**
 * The cloud database's collections and indexes, as data: `scripts/setup-cloud-db.ts` prints and
 * applies them, the test stand-in enforces the unique ones. Uniqueness that the repositories
 * depend on is carried by `_id` wherever possible (a document per visit, per rating, per open
 * shift …), so it holds even before an index exists; the unique indexes below cover the rest.
 */

export interface IndexSpec {
  name: string
  fields: [field: string, direction: 'asc' | 'desc'][]
  unique?: boolean
}

export interface CollectionSpec {
  name: string
  /** Why the collection exists and what its `_id` is. */
  about: string
  indexes: IndexSpec[]
}

const asc = (field: string): [string, 'asc'] => [field, 'asc']
const desc = (field: string): [string, 'desc'] => [field, 'desc']

export const C = {
  departments: 'departments',
  roster: 'staff_roster',
  users: 'users',
  staffBindings: 'staff_bindings',
  employeeClaims: 'staff_employee_claims',
  idempotency: 'idempotency',
  rateHits: 'rate_hits',
  outbox: 'outbox',
  outboxOnce: 'outbox_once',
  audit: 'audit_log',
  counters: 'counters',
  staffMentions: 'staff_mentions',
  questionnaires: 'survey_questionnaires',
  visits: 'survey_visits',
  visitCodes: 'survey_visit_codes',
  answeredVisits: 'survey_answered_visits',
  responses: 'survey_responses',
  itemCounters: 'survey_item_counters',
  monthCounters: 'survey_month_counters',
  alerts: 'survey_alerts',
  alertEvents: 'survey_alert_events',
  improvements: 'survey_improvements',
  volunteerProfiles: 'volunteer_profiles',
  shifts: 'volunteer_shifts',
  openShifts: 'volunteer_open_shifts',
  helpRequests: 'volunteer_requests',
  openRequests: 'volunteer_open_requests',
  ratings: 'volunteer_ratings',
  hours: 'volunteer_hours',
  recordSections: 'volunteer_record_sections',
  serviceReports: 'volunteer_service_reports',
  reportKeys: 'volunteer_report_keys',
  reportDays: 'volunteer_report_days',
  teamLeaders: 'volunteer_team_leaders',
  certificates: 'volunteer_certificates',
  certificatePeriods: 'volunteer_certificate_periods',
  excellentLists: 'volunteer_excellent_lists',
  studySessions: 'study_sessions',
  studyLeaves: 'study_leaves',
  studyAttendance: 'study_attendance',
  studyAudienceHeads: 'study_audience_heads',
  studyAudienceParts: 'study_audience_parts',
  feedbackPhrases: 'feedback_phrases',
  feedbackItems: 'feedback_items',
  feedbackHistory: 'feedback_history',
  feedbackStars: 'feedback_stars',
  studyCmeRequirements: 'study_cme_requirements',
  staffSurveyCampaigns: 'staff_survey_campaigns',
  staffSurveyAnswered: 'staff_survey_answered',
  staffSurveyAnswers: 'staff_survey_answers',
  staffSurveyCounts: 'staff_survey_counts',
  voiceLexicon: 'voice_lexicon',
  voiceLexiconSeed: 'voice_lexicon_seed',
  voiceTags: 'voice_tags',
} as const

// Built in a function marked pure, so a bundle that never reads it (every deployed function) drops it.
export const COLLECTIONS: CollectionSpec[] = /* @__PURE__ */ (() => [
  {
    name: C.departments,
    about: '科室；_id 为科室编号，名称唯一（花名册按名称导入）',
    indexes: [
      { name: 'sort_name', fields: [asc('sort'), asc('name')] },
      { name: 'name_unique', fields: [asc('name')], unique: true },
    ],
  },
  {
    name: C.roster,
    about: '职工花名册；_id 为工号',
    indexes: [{ name: 'department_name', fields: [asc('departmentId'), asc('name')] }],
  },
  {
    name: C.users,
    about: '用户；_id 为用户编号，openid 唯一',
    indexes: [
      { name: 'openid_unique', fields: [asc('openid')], unique: true },
      { name: 'department_roles', fields: [asc('departmentId'), asc('roles')] },
      { name: 'roles', fields: [asc('roles')] },
    ],
  },
  {
    name: C.staffBindings,
    about: '职工绑定申请；_id 为用户编号',
    indexes: [{ name: 'status_requested', fields: [asc('status'), asc('requestedAt')] }],
  },
  { name: C.employeeClaims, about: '已批准的工号；_id 为工号，一个工号只能属于一个微信账号', indexes: [] },
  {
    name: C.idempotency,
    about: '写请求去重；_id 为 (用户, 函数, 操作, requestId) 的摘要，inputHash 为输入的带密钥摘要',
    indexes: [{ name: 'state_created', fields: [asc('state'), asc('createdAt')] }],
  },
  {
    name: C.rateHits,
    about: '限流计数；_id 为 桶|窗口起点',
    indexes: [{ name: 'window_start', fields: [asc('windowStart')] }],
  },
  {
    name: C.outbox,
    about: '订阅消息发件箱；_id 为序号',
    indexes: [
      { name: 'status_next', fields: [asc('status'), asc('nextAttemptAt')] },
      { name: 'user_seq', fields: [asc('userId'), desc('seq')] },
      { name: 'seq', fields: [desc('seq')] },
    ],
  },
  { name: C.outboxOnce, about: '只发一次的提醒；_id 为 用户编号|提醒键', indexes: [] },
  { name: C.audit, about: '审计日志（只追加）；_id 为序号', indexes: [{ name: 'seq', fields: [desc('seq')] }] },
  { name: C.counters, about: '序号发生器；_id 为序列名', indexes: [] },
  {
    name: C.voiceLexicon,
    about: '医院自己的评论标注词语（叠加在内置词典上）；_id 为词语的哈希',
    indexes: [{ name: 'updated', fields: [desc('updatedAt')] }],
  },
  {
    name: C.voiceLexiconSeed,
    about: '内置评论标注词典（安装时写入，医院的词语优先）；_id 为词语的哈希',
    indexes: [],
  },
  {
    name: C.voiceTags,
    about: '每条满意度评论、投诉、表扬的主题与情感标注及其词典版本（不含原文）；_id 为 来源:来源编号',
    indexes: [
      { name: 'version', fields: [asc('version')] },
      { name: 'month_department', fields: [asc('month'), asc('departmentId')] },
    ],
  },
  {
    name: C.staffMentions,
    about: '患者点名表扬的职工（只追加）',
    indexes: [{ name: 'month_department', fields: [asc('month'), asc('departmentId')] }],
  },
  {
    name: C.questionnaires,
    about: '问卷版本；_id 为 问卷@版本',
    indexes: [{ name: 'visit_type_active', fields: [asc('visitType'), asc('active')] }],
  },
  {
    name: C.visits,
    about: '就诊记录（导入）；_id 为就诊号',
    indexes: [{ name: 'department_date', fields: [asc('departmentId'), asc('visitDate')] }],
  },
  { name: C.visitCodes, about: '评价短码；_id 为8位短码：一个短码只属于一次就诊', indexes: [] },
  { name: C.answeredVisits, about: '已评价的就诊；_id 为就诊号：一次就诊只能评价一次', indexes: [] },
  {
    name: C.responses,
    about: '匿名评价：不含用户、不含就诊号',
    indexes: [{ name: 'department_month', fields: [asc('departmentId'), asc('month'), desc('submittedOn')] }],
  },
  {
    name: C.itemCounters,
    about: '按科室、月份、题目预聚合；_id 为 科室|月份|题目；题目为 * 的是一份评价待汇总的得分（定时汇总）',
    indexes: [
      { name: 'item_month', fields: [asc('itemId'), asc('month')] },
      { name: 'department_month', fields: [asc('departmentId'), asc('month')] },
    ],
  },
  {
    name: C.monthCounters,
    about: '按科室、月份预聚合；_id 为 科室|月份；pending 的是一份评价待汇总的合计（定时汇总）',
    indexes: [
      { name: 'department_month', fields: [asc('departmentId'), asc('month')] },
      { name: 'pending', fields: [asc('pending')] },
    ],
  },
  {
    name: C.alerts,
    about: '低分预警（只记日期）；_id 为预警编号',
    indexes: [
      { name: 'department_status_created', fields: [asc('departmentId'), asc('status'), desc('createdOn')] },
      { name: 'status_closed', fields: [asc('status'), asc('closedAt')] },
    ],
  },
  {
    name: C.alertEvents,
    about: '预警处理记录（只追加）；_id 为 预警编号#序号',
    indexes: [{ name: 'alert_seq', fields: [asc('alertId'), asc('seq')] }],
  },
  {
    name: C.improvements,
    about: '你说·我们做：科室公布的改进',
    indexes: [{ name: 'published', fields: [desc('publishedAt')] }],
  },
  {
    name: C.volunteerProfiles,
    about: '志愿者登记；_id 为用户编号',
    indexes: [{ name: 'status_requested', fields: [asc('status'), asc('requestedAt')] }],
  },
  {
    name: C.shifts,
    about: '上岗记录；_id 为班次编号',
    indexes: [
      { name: 'volunteer_open', fields: [asc('volunteerId'), asc('endedAt')] },
      { name: 'open_started', fields: [asc('endedAt'), asc('startedAt')] },
      { name: 'auto_closed', fields: [asc('autoClosed'), desc('endedAt')] },
    ],
  },
  { name: C.openShifts, about: '正在进行的班次；_id 为志愿者编号：每人同时只有一个', indexes: [] },
  {
    name: C.helpRequests,
    about: '求助；_id 为求助编号',
    indexes: [
      { name: 'status_created', fields: [asc('status'), asc('createdAt')] },
      { name: 'volunteer_status', fields: [asc('volunteerId'), asc('status'), asc('claimedAt')] },
      { name: 'patient_created', fields: [asc('patientId'), desc('createdAt')] },
      { name: 'completed', fields: [asc('status'), asc('completedAt')] },
    ],
  },
  { name: C.openRequests, about: '未结束的求助；_id 为患者编号：每人同时只有一个', indexes: [] },
  {
    name: C.ratings,
    about: '求助评价；_id 为求助编号：每个求助只能评价一次',
    indexes: [{ name: 'volunteer', fields: [asc('volunteerId')] }],
  },
  {
    name: C.hours,
    about: '服务时长账本（只追加）；班次行的 _id 为 shift:班次编号',
    indexes: [
      { name: 'volunteer_at', fields: [asc('volunteerId'), asc('at')] },
      { name: 'at', fields: [asc('at')] },
    ],
  },
  {
    name: C.recordSections,
    about: '志愿服务记录的培训与表彰（只追加）；_id 为记录编号',
    indexes: [{ name: 'volunteer_date', fields: [asc('volunteerId'), asc('date')] }],
  },
  {
    name: C.serviceReports,
    about: '志愿者自行上报的院外服务；_id 为上报编号',
    indexes: [
      { name: 'volunteer_reported', fields: [asc('volunteerId'), desc('reportedAt')] },
      { name: 'status_team', fields: [asc('status'), asc('team'), desc('reportedAt')] },
    ],
  },
  { name: C.reportKeys, about: '未驳回的上报；_id 为 志愿者#日期#地点与内容摘要：同一服务只能上报一次', indexes: [] },
  { name: C.reportDays, about: '每人每天已上报的分钟数；_id 为 志愿者#日期：每天不超过12小时', indexes: [] },
  { name: C.teamLeaders, about: '服务队队长；_id 为 服务队#用户编号', indexes: [] },
  {
    name: C.certificates,
    about: '志愿服务证明（按出具时保存）；_id 为证明编号',
    indexes: [{ name: 'volunteer_status', fields: [asc('volunteerId'), asc('status')] }],
  },
  { name: C.certificatePeriods, about: '每人每期一份证明；_id 为 志愿者#起~止', indexes: [] },
  {
    name: C.excellentLists,
    about: '年度优秀志愿者名单（按发布时保存）；_id 为年份，每年一份',
    indexes: [{ name: 'year', fields: [desc('year')] }],
  },
  {
    name: C.studySessions,
    about: '学习活动（三会一课等）；_id 为活动编号',
    indexes: [
      { name: 'start', fields: [asc('startAt')] },
      { name: 'status_start', fields: [asc('status'), asc('startAt')] },
      { name: 'end', fields: [asc('endAt')] },
      { name: 'organizer_department_end', fields: [asc('organizerDepartmentId'), asc('endAt')] },
      // Erasing a person blanks their name on the sessions they organized.
      { name: 'organizer', fields: [asc('organizerId')] },
      { name: 'status_frozen_start', fields: [asc('status'), asc('audienceFrozenAt'), asc('startAt')] },
    ],
  },
  {
    name: C.studyAudienceHeads,
    about: '学习应到名单冻结的认领；_id 为活动编号：先建成者写名单，超时未写完可由他人接手',
    indexes: [],
  },
  {
    name: C.studyAudienceParts,
    about: '学习应到名单（签到开放时冻结），每份至多500人；_id 为 活动编号#写入者#序号',
    indexes: [
      { name: 'session_writer', fields: [asc('sessionId'), asc('writer')] },
      { name: 'user_session', fields: [asc('userIds'), asc('sessionId')] },
    ],
  },
  {
    name: C.studyLeaves,
    about: '学习请假；_id 为 活动编号:用户编号：每人每次一条',
    indexes: [
      { name: 'session', fields: [asc('sessionId')] },
      { name: 'user', fields: [asc('userId')] },
    ],
  },
  {
    name: C.studyAttendance,
    about: '学习签到；_id 为 活动编号:用户编号：每人每次只签到一次',
    indexes: [
      { name: 'session', fields: [asc('sessionId')] },
      { name: 'user_checked_in', fields: [asc('userId'), asc('checkedInAt')] },
    ],
  },
  {
    name: C.feedbackPhrases,
    about: '暖语手册；_id 为条目编号',
    indexes: [{ name: 'scene_sort', fields: [asc('scene'), asc('sort')] }],
  },
  {
    name: C.feedbackItems,
    about: '表扬与投诉；_id 为编号',
    indexes: [
      { name: 'patient_created', fields: [asc('patientId'), desc('createdAt')] },
      { name: 'queue', fields: [asc('kind'), asc('departmentId'), asc('status'), desc('createdAt')] },
      { name: 'replied', fields: [asc('status'), asc('repliedAt')] },
      { name: 'status_created', fields: [asc('status'), asc('createdAt')] },
      { name: 'wall', fields: [asc('status'), desc('decidedAt')] },
      { name: 'staff_month', fields: [asc('employeeNo'), asc('month')] },
    ],
  },
  {
    name: C.feedbackHistory,
    about: '表扬与投诉的处理记录（只追加）；_id 为 编号#序号',
    indexes: [{ name: 'item_seq', fields: [asc('itemId'), asc('seq')] }],
  },
  { name: C.feedbackStars, about: '已发布的服务之星；_id 为月份，重新发布整体替换', indexes: [] },
  { name: C.studyCmeRequirements, about: '继续医学教育年度学分要求；_id 为年份', indexes: [] },
  {
    name: C.staffSurveyCampaigns,
    about: '职工满意度调查；_id 为编号，invited 为建立时各科室的邀请人数',
    indexes: [{ name: 'opens', fields: [desc('opensOn')] }],
  },
  {
    name: C.staffSurveyAnswered,
    about: '职工满意度已答标记；_id 为 调查编号:用户编号，不含答卷、不含时间',
    indexes: [{ name: 'user', fields: [asc('userId')] }],
  },
  {
    name: C.staffSurveyAnswers,
    about: '职工满意度答卷（匿名）；_id 为随机编号，只有科室与日期，不含用户',
    indexes: [{ name: 'campaign_department', fields: [asc('campaignId'), asc('departmentId')] }],
  },
  {
    name: C.staffSurveyCounts,
    about:
      '职工满意度计数（匿名）：_id 为 调查编号|科室 的汇总，或每份答卷自己的待汇总计数（pending）；只有科室、分数与留言，不含用户、不含时间',
    indexes: [
      { name: 'campaign_department', fields: [asc('campaignId'), asc('departmentId')] },
      { name: 'pending', fields: [asc('pending')] },
    ],
  },
])()

/** Collection -> unique field sets, for the stand-in to enforce what production's indexes do. */
export function uniqueIndexes(): Record<string, string[][]> {
  const unique: Record<string, string[][]> = {}
  for (const collection of COLLECTIONS) {
    const sets = collection.indexes.filter((index) => index.unique).map((index) => index.fields.map(([f]) => f))
    if (sets.length > 0) unique[collection.name] = sets
  }
  return unique
}
