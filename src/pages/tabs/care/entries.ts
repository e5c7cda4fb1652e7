import type { RoleEntry } from '../../../components/entry-grid/visible'

export const careEntries: RoleEntry[] = [
  { title: '满意度评价', description: '扫描就诊凭条上的二维码，为本次就医打分' },
  {
    title: '呼叫志愿者',
    description: '带路、轮椅协助、老人陪同，志愿者来帮您',
    url: '/pages/volunteer/help/index',
  },
  { title: '表扬与投诉', description: '对医护人员的服务态度提出表扬或意见' },
  { title: '暖语手册', description: '医院服务礼仪用语与禁语' },
  { title: '满意度公示', description: '各科室每月满意度，目标不低于95%' },
  { title: '差评跟进', description: '本科室的低分评价与回访', roles: ['manager', 'admin'] },
  { title: '投诉处理', description: '受理、回复本科室的投诉', roles: ['manager', 'admin'] },
]
