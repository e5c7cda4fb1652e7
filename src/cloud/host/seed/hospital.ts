import type { DepartmentKind } from '../../../contract'

/** The demo hospital: departments a 三甲 general hospital has, in the order its boards list them. */
export const DEPARTMENTS: ReadonlyArray<{ name: string; kind: DepartmentKind }> = [
  { name: '心内科', kind: 'clinical' },
  { name: '呼吸内科', kind: 'clinical' },
  { name: '消化内科', kind: 'clinical' },
  { name: '神经内科', kind: 'clinical' },
  { name: '内分泌科', kind: 'clinical' },
  { name: '骨科', kind: 'clinical' },
  { name: '普外科', kind: 'clinical' },
  { name: '泌尿外科', kind: 'clinical' },
  { name: '妇产科', kind: 'clinical' },
  { name: '儿科', kind: 'clinical' },
  { name: '眼科', kind: 'clinical' },
  { name: '耳鼻喉科', kind: 'clinical' },
  { name: '口腔科', kind: 'clinical' },
  { name: '中医科', kind: 'clinical' },
  { name: '康复医学科', kind: 'clinical' },
  { name: '急诊科', kind: 'clinical' },
  { name: '放射科', kind: 'medtech' },
  { name: '检验科', kind: 'medtech' },
  { name: '超声医学科', kind: 'medtech' },
  { name: '药剂科', kind: 'medtech' },
  { name: '门诊部', kind: 'admin' },
  { name: '护理部', kind: 'admin' },
]

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'
const GIVEN = [
  '建华',
  '秀英',
  '志强',
  '丽娟',
  '海燕',
  '文杰',
  '晓明',
  '静',
  '敏',
  '伟',
  '芳',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀兰',
  '霞',
  '平',
  '刚',
  '桂英',
  '玉兰',
  '萍',
  '辉',
  '鹏',
  '婷',
  '欣怡',
  '子涵',
  '雨萱',
  '浩然',
  '思远',
  '嘉怡',
  '宇航',
  '梦琪',
  '俊杰',
  '佳琪',
  '晨曦',
  '一鸣',
  '雅婷',
  '天佑',
  '若曦',
  '泽宇',
  '心怡',
  '博文',
]

const CLINICAL_TITLES = ['住院医师', '主治医师', '副主任医师', '主任医师', '护士', '护师', '主管护师', '副主任护师']
const MEDTECH_TITLES = ['技师', '主管技师', '药师', '主管药师', '副主任技师']
const ADMIN_TITLES = ['科员', '干事', '副主任', '主任']

function titlesFor(kind: DepartmentKind) {
  if (kind === 'clinical') return CLINICAL_TITLES
  return kind === 'medtech' ? MEDTECH_TITLES : ADMIN_TITLES
}

export interface RosterSeed {
  employeeNo: string
  name: string
  departmentName: string
  title: string
  partyMember: boolean
}

/** A deterministic roster: the same names on every machine, so tests and demos can refer to them. */
export function buildRoster(size: number): RosterSeed[] {
  return Array.from({ length: size }, (_, i) => {
    const department = DEPARTMENTS[i % DEPARTMENTS.length]
    const titles = titlesFor(department.kind)
    return {
      employeeNo: `H${String(i + 1).padStart(4, '0')}`,
      name: SURNAMES[(i * 7) % SURNAMES.length] + GIVEN[(i * 11) % GIVEN.length],
      departmentName: department.name,
      title: titles[Math.floor(i / DEPARTMENTS.length) % titles.length],
      partyMember: i % 3 === 0,
    }
  })
}

export const ROSTER_SIZE = 264

/** Demo users the dev sign-in hands out when no id is given. */
export const DEMO_USERS = {
  patient: { openid: 'demo-patient', name: '演示患者', employeeNo: null, departmentName: null },
  volunteer: { openid: 'demo-volunteer', name: '演示志愿者', employeeNo: null, departmentName: null },
  staff: { openid: 'demo-staff', name: null, employeeNo: 'H0002', departmentName: null },
  manager: { openid: 'demo-manager', name: null, employeeNo: 'H0001', departmentName: '心内科' },
  admin: { openid: 'demo-admin', name: null, employeeNo: 'H0021', departmentName: '门诊部' },
} as const
