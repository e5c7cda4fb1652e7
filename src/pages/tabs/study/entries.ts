import type { RoleEntry } from '../../../components/entry-grid/visible'

export const studyEntries: RoleEntry[] = [
  {
    title: '扫码签到',
    url: '/pages/study/check-in/index',
    description: '扫描会场二维码或输入6位签到码',
    roles: ['staff'],
  },
  {
    title: '近期学习活动',
    url: '/pages/study/upcoming/index',
    description: '三会一课、主题党日、道德讲堂、业务学习',
    roles: ['staff'],
  },
  {
    title: '我的学习记录',
    url: '/pages/study/record/index',
    description: '本年度参学次数、学时与出勤率',
    roles: ['staff'],
  },
  {
    title: '组织学习活动',
    url: '/pages/study/organize/index',
    description: '发起活动、展示签到码、查看到会情况',
    roles: ['manager', 'admin'],
  },
  {
    title: '学习统计',
    url: '/pages/study/stats/index',
    description: '各科室出勤率与学习积极分子',
    roles: ['manager', 'admin'],
  },
  {
    title: '职工满意度结果',
    url: '/pages/staff-survey/results/index',
    description: '各科室回收率与满意度，不足10人只显示人数',
    roles: ['manager', 'admin'],
  },
  {
    title: '我收到的表扬',
    description: '患者对我的表扬',
    roles: ['staff'],
    url: '/pages/feedback/my-praise/index',
  },
  { title: '暖语手册', description: '服务礼仪用语与禁语', roles: ['staff'], url: '/pages/feedback/phrases/index' },
]
