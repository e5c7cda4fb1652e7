// `npm start`: builds the H5 app, starts the local cloud host with demo data serving it,
// and opens it in a browser where there is one.
import { spawn, spawnSync } from 'node:child_process'

const port = process.env.PORT ?? '3000'
console.log('正在构建 H5 应用（约半分钟）… building the H5 app')
const build = spawnSync('npx', ['taro', 'build', '--type', 'h5'], { stdio: ['ignore', 'ignore', 'inherit'] })
if (build.status !== 0) process.exit(build.status ?? 1)

const host = spawn(process.execPath, ['scripts/host.mjs'], {
  env: { ...process.env, PORT: port, STATIC_DIR: 'dist-h5', LOG: process.env.LOG ?? 'off' },
  stdio: ['ignore', 'pipe', 'inherit'],
})

host.stdout.on('data', (chunk) => {
  process.stdout.write(chunk)
  const ready = /listening on (\S+)/.exec(String(chunk))
  if (!ready) return
  console.log(`\n仁心已启动：在浏览器打开 ${ready[1]}  (demo data; 在“我的”页切换演示身份)`)
  if (process.env.CI || process.env.NO_OPEN) return
  const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'start' : 'xdg-open'
  spawn(opener, [ready[1]], { stdio: 'ignore', detached: true }).on('error', () => {})
})
host.on('exit', (code) => process.exit(code ?? 0))
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => host.kill(signal))
