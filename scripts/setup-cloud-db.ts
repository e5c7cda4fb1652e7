// `npm run setup:cloud-db`: what the cloud database needs — collections, indexes (unique ones
// included), security rules, the questionnaires, the 暖语手册 and the built-in comment lexicon — printed as a plan (`--json` for machines);
// `--apply` creates them through WeChat's server API (collections, indexes, documents).
import { BUILT_IN_LEXICON } from '../src/cloud/domain/voice/builtin-lexicon'
import { phraseBookDocs } from '../src/cloud/storage/cloudbase/phrases'
import { migratedQuestionnaires } from '../src/cloud/storage/cloudbase/questionnaires'
import { COLLECTIONS, C } from '../src/cloud/storage/cloudbase/schema'
import { lexiconSeedDocs } from '../src/cloud/storage/cloudbase/voice-repo'
import { requireEnv } from './wechat-env'

/**
 * Every collection: no client reads or writes it directly. Functions use the server SDK, which
 * is not subject to these rules; the mini-program only ever calls functions.
 */
const SECURITY_RULE = { read: false, write: false }

const API = 'https://api.weixin.qq.com'

async function plan() {
  return {
    collections: COLLECTIONS.map((c) => ({ ...c, securityRule: SECURITY_RULE })),
    documents: {
      [C.questionnaires]: await migratedQuestionnaires(),
      [C.feedbackPhrases]: phraseBookDocs(new Date()),
      [C.voiceLexiconSeed]: lexiconSeedDocs(BUILT_IN_LEXICON),
    },
  }
}

function print(setup: Awaited<ReturnType<typeof plan>>) {
  for (const c of setup.collections) {
    console.log(`${c.name}  — ${c.about}`)
    for (const index of c.indexes) {
      const keys = index.fields.map(([field, direction]) => `${field} ${direction}`).join(', ')
      console.log(`    index ${index.name}${index.unique ? ' UNIQUE' : ''}: ${keys}`)
    }
  }
  console.log(`\nsecurity rule for every collection: ${JSON.stringify(SECURITY_RULE)}`)
  for (const [collection, docs] of Object.entries(setup.documents))
    console.log(`documents: ${collection} × ${docs.length}`)
}

interface WechatReply {
  errcode?: number
  errmsg?: string
  access_token?: string
}

async function call(path: string, body: unknown, token?: string): Promise<WechatReply> {
  const url = `${API}${path}${token ? `${path.includes('?') ? '&' : '?'}access_token=${token}` : ''}`
  const response = await fetch(url, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) })
  return (await response.json()) as WechatReply
}

function report(what: string, reply: WechatReply) {
  const ok = !reply.errcode
  // Re-running the setup meets what exists already: reported, not fatal.
  console[ok ? 'log' : 'warn'](`${ok ? 'ok  ' : 'skip'} ${what}${ok ? '' : `: ${reply.errcode} ${reply.errmsg}`}`)
}

async function apply(
  setup: Awaited<ReturnType<typeof plan>>,
  settings: Record<'appid' | 'appSecret' | 'envId', string>,
) {
  const { appid, appSecret, envId } = settings
  const auth = await call(`/cgi-bin/token?grant_type=client_credential&appid=${appid}&secret=${appSecret}`, undefined)
  if (!auth.access_token) throw new Error(`access_token: ${auth.errcode} ${auth.errmsg}`)
  const token = auth.access_token
  for (const c of setup.collections) {
    report(
      `collection ${c.name}`,
      await call('/tcb/databasecollectionadd', { env: envId, collection_name: c.name }, token),
    )
    if (c.indexes.length === 0) continue
    const create_indexes = c.indexes.map((index) => ({
      name: index.name,
      unique: index.unique ?? false,
      keys: index.fields.map(([name, direction]) => ({ name, direction: direction === 'asc' ? '1' : '-1' })),
    }))
    const body = { env: envId, collection_name: c.name, create_indexes, drop_indexes: [] }
    report(`indexes of ${c.name}`, await call('/tcb/updateindex', body, token))
  }
  for (const [collection, docs] of Object.entries(setup.documents)) {
    for (const doc of docs) {
      const query = `db.collection(${JSON.stringify(collection)}).add({data: ${JSON.stringify(doc)}})`
      report(`${collection}/${doc._id}`, await call('/tcb/databaseadd', { env: envId, query }, token))
    }
  }
  console.log(
    `\nNow set each collection's 自定义安全规则 to ${JSON.stringify(SECURITY_RULE)} in the console (see docs/cloud-database.md).`,
  )
}

async function main() {
  const settings = process.argv.includes('--apply')
    ? requireEnv(process.env, ['appid', 'appSecret', 'envId'], 'setup:cloud-db --apply')
    : null
  const setup = await plan()
  if (process.argv.includes('--json')) console.log(JSON.stringify(setup, null, 2))
  else print(setup)
  if (settings) await apply(setup, settings)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
