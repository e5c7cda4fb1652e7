import type { RoleEntry } from '../../../components/entry-grid/visible'

/** A patient comes here for help first; a volunteer comes to serve. */
export const volunteerEntries: RoleEntry[] = [
  {
    title: '呼叫志愿者',
    description: '带路、轮椅协助、老人陪同，志愿者来帮您',
    exceptRoles: ['volunteer'],
    url: '/pages/volunteer/help/index',
  },
  {
    title: '报名志愿者',
    description: '加入党员、青年、老年或社会志愿服务队',
    roles: ['patient'],
    exceptRoles: ['volunteer'],
    url: '/pages/volunteer/register/index',
  },
  {
    title: '上岗接单',
    description: '开始值班，查看等待引导的患者',
    roles: ['volunteer'],
    url: '/pages/volunteer/hall/index',
  },
  {
    title: '我的服务记录',
    description: '服务时长、服务次数与评价',
    roles: ['volunteer'],
    url: '/pages/volunteer/record/index',
  },
  { title: '年度服务排行', description: '优秀志愿者评选参考', url: '/pages/volunteer/ranking/index' },
  {
    title: '志愿者管理',
    description: '审核报名、服务台、调整服务时长',
    roles: ['admin'],
    url: '/pages/volunteer/admin/index',
  },
]
