// `npm test`: builds the H5 app the browser tests drive, then runs every jest layer
// (unit, component, integration, e2e) and ends with a plain "N passed, N failed" line.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'

const env = { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules`.trim() }
const results = '.jest-results.json'

function run(command, args) {
  return spawnSync(command, args, { stdio: 'inherit', env }).status ?? 1
}

if (process.env.SKIP_H5_BUILD !== '1' || !existsSync('dist-h5/index.html')) {
  console.log('building the H5 app for the browser tests…')
  const build = spawnSync('npx', ['taro', 'build', '--type', 'h5'], { env, encoding: 'utf8' })
  if (build.status !== 0) {
    console.error(build.stdout, build.stderr)
    process.exit(build.status ?? 1)
  }
}

rmSync(results, { force: true })
const status = run('npx', ['jest', '--json', `--outputFile=${results}`, ...process.argv.slice(2)])
if (existsSync(results)) {
  const summary = JSON.parse(readFileSync(results, 'utf8'))
  const skipped = summary.numPendingTests + summary.numTodoTests
  console.log(`\nrenxin: ${summary.numPassedTests} passed, ${summary.numFailedTests} failed, ${skipped} skipped`)
  rmSync(results, { force: true })
}
process.exit(status)
