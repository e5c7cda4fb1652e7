// Deploy settings come from the environment only; a missing one stops the script with a list.
export const DEPLOY_ENV = {
  appid: { name: 'RENXIN_WX_APPID', about: '小程序 AppID（微信公众平台 → 开发管理 → 开发设置）' },
  privateKeyPath: {
    name: 'RENXIN_WX_PRIVATE_KEY_PATH',
    about: '代码上传密钥文件路径（开发设置 → 小程序代码上传 → 生成密钥）',
  },
  envId: { name: 'RENXIN_CLOUD_ENV', about: '云开发环境 ID（云开发控制台 → 设置 → 环境 ID）' },
  appSecret: {
    name: 'RENXIN_WX_APPSECRET',
    about: '小程序 AppSecret（仅 setup:cloud-db --apply 需要，用于获取 access_token）',
  },
} as const

export type DeployKey = keyof typeof DEPLOY_ENV

export function requireEnv<K extends DeployKey>(env: NodeJS.ProcessEnv, keys: K[], command: string): Record<K, string> {
  const missing = keys.filter((key) => !env[DEPLOY_ENV[key].name])
  if (missing.length > 0) {
    const lines = missing.map((key) => `  ${DEPLOY_ENV[key].name}  ${DEPLOY_ENV[key].about}`)
    console.error(`${command}: missing environment variables:\n${lines.join('\n')}\nSee README「部署到微信云开发」.`)
    process.exit(1)
  }
  return Object.fromEntries(keys.map((key) => [key, env[DEPLOY_ENV[key].name] ?? ''])) as Record<K, string>
}
