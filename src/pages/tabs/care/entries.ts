import type { RoleEntry } from '../../../components/entry-grid/visible'

/** What a patient comes for. */
export const careEntries: RoleEntry[] = [
  {
    title: '满意度评价',
    description: '扫描就诊凭条上的二维码，为本次就医打分',
    url: '/pages/survey/rate/index',
  },
  {
    title: '呼叫志愿者',
    description: '带路、轮椅协助、老人陪同，志愿者来帮您',
    url: '/pages/volunteer/help/index',
  },
  {
    title: '表扬与投诉',
    description: '对医护人员的服务态度提出表扬或意见',
    url: '/pages/feedback/submit/index',
  },
  { title: '我的表扬与投诉', description: '查看办理进度和科室回复', url: '/pages/feedback/mine/index' },
  { title: '暖语手册', description: '医院服务礼仪用语与禁语', url: '/pages/feedback/phrases/index' },
  { title: '表扬墙', description: '患者的感谢与每月服务明星', url: '/pages/feedback/wall/index' },
  { title: '满意度公示', description: '各科室每月满意度，目标不低于95%', url: '/pages/survey/board/index' },
]

/** Tools for managers and admins, shown apart from what a patient comes for. */
export const careToolEntries: RoleEntry[] = [
  {
    title: '满意度看板',
    description: '本科室各项满意度、薄弱项与患者意见',
    roles: ['manager', 'admin'],
    url: '/pages/survey/dashboard/index',
  },
  {
    title: '差评跟进',
    description: '本科室的低分评价与回访',
    roles: ['manager', 'admin'],
    url: '/pages/survey/alerts/index',
  },
  {
    title: '患者声音',
    description: '全院评论、投诉、表扬按主题和科室归类',
    roles: ['manager', 'admin'],
    url: '/pages/voice/heat/index',
  },
  {
    title: '投诉处理',
    description: '受理、回复本科室的投诉',
    roles: ['manager', 'admin'],
    url: '/pages/feedback/queue/index',
  },
  {
    title: '表扬审核',
    description: '审核患者表扬，通过后上墙',
    roles: ['admin'],
    url: '/pages/feedback/review/index',
  },
  {
    title: '服务明星评选',
    description: '按月计分、评选并发布服务明星',
    roles: ['admin'],
    url: '/pages/feedback/stars/index',
  },
]
