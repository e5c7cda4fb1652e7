// `npm run deploy:cloud`: builds the cloud functions and uploads each with miniprogram-ci (WeChat
// installs wx-server-sdk remotely), then creates the timer triggers from each config.json.
// `npm run upload:weapp`: builds the mini-program and uploads it as a development version.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { requireEnv } from './wechat-env'

const ROOT = resolve(__dirname, '..')

/** miniprogram-ci is heavy and noisy to load: only once the settings are known to be there. */
const loadCi = async () => (await import('miniprogram-ci')).default

async function project(appid: string, privateKeyPath: string, projectPath: string) {
  if (!existsSync(privateKeyPath)) {
    console.error(`RENXIN_WX_PRIVATE_KEY_PATH points to ${privateKeyPath}, which does not exist`)
    process.exit(1)
  }
  const ci = await loadCi()
  return new ci.Project({ appid, type: 'miniProgram', projectPath, privateKeyPath, ignores: ['node_modules/**/*'] })
}

async function deployCloud() {
  const { appid, privateKeyPath, envId } = requireEnv(process.env, ['appid', 'privateKeyPath', 'envId'], 'deploy:cloud')
  execFileSync('npx', ['tsx', 'scripts/build-cloud.ts'], { cwd: ROOT, stdio: 'inherit' })
  const root = join(ROOT, 'cloudfunctions')
  const ci = await loadCi()
  const target = await project(appid, privateKeyPath, ROOT)
  for (const name of readdirSync(root)) {
    const path = join(root, name)
    const uploaded = await ci.cloud.uploadFunction({ project: target, env: envId, name, path, remoteNpmInstall: true })
    console.log(`  ${name.padEnd(10)} uploaded: ${uploaded.filesCount} files, ${uploaded.packSize} bytes`)
    const config = JSON.parse(readFileSync(join(path, 'config.json'), 'utf8')) as {
      triggers?: { name: string; type: string; config: string }[]
    }
    if (config.triggers?.length) {
      const result = await ci.cloud.createTimeTrigger({
        project: target,
        envId,
        functionName: name,
        triggersConfig: config.triggers,
      })
      console.log(`  ${name.padEnd(10)} ${result}`)
    }
  }
}

async function uploadWeapp() {
  const { appid, privateKeyPath } = requireEnv(process.env, ['appid', 'privateKeyPath'], 'upload:weapp')
  execFileSync('npm', ['run', 'build:weapp'], { cwd: ROOT, stdio: 'inherit' })
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }
  const ci = await loadCi()
  const result = await ci.upload({
    project: await project(appid, privateKeyPath, join(ROOT, 'dist')),
    version: process.env.RENXIN_WEAPP_VERSION ?? manifest.version,
    desc: process.env.RENXIN_WEAPP_DESC ?? `仁心 ${manifest.version}`,
    robot: 1,
    setting: { es6: false, minify: true },
  })
  console.log('uploaded', JSON.stringify(result.subPackageInfo ?? []))
}

const command = process.argv[2]
const run = command === 'cloud' ? deployCloud : command === 'weapp' ? uploadWeapp : undefined
if (!run) {
  console.error('usage: tsx scripts/deploy.ts cloud|weapp')
  process.exit(2)
}
run().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
