// How a cloud function is bundled: `npm run build:cloud` builds each with it, and the cloud bench its
// same-run reference.
import type { BuildOptions, Plugin } from 'esbuild'
import { readFile } from 'node:fs/promises'

/** How the sources import zod's values; anything else would bring the whole namespace back. */
const ZOD_VALUE_IMPORT = /^import \{ z \} from 'zod'$/m
const OTHER_ZOD_VALUE_IMPORT = /^import (?!type )(?!\{ z \} from 'zod'$).* from 'zod'$/m

/**
 * `import { z } from 'zod'` binds zod's namespace object, and esbuild keeps a namespace object
 * whole: every schema kind, JSON-schema conversion, `z.compile` and ~50 message locales, about
 * 100 KiB of a minified function that never runs. Imported as a module namespace (`import * as z`)
 * the same names are tree-shaken to what the function uses. Only the cloud bundles are rewritten:
 * TypeScript, jest and the app's build read the sources as written.
 */
const zodAsModuleNamespace: Plugin = {
  name: 'zod-as-module-namespace',
  setup(plugin) {
    plugin.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8')
      if (OTHER_ZOD_VALUE_IMPORT.test(source)) {
        return { errors: [{ text: `${args.path}: import zod's values as \`import { z } from 'zod'\`` }] }
      }
      if (!ZOD_VALUE_IMPORT.test(source)) return undefined
      return { contents: source.replace(ZOD_VALUE_IMPORT, "import * as z from 'zod'"), loader: 'ts' }
    })
  },
}

/** Marks the second, inner resolution of the same import, so the plugin lets esbuild answer it. */
const RESOLVING_AGAIN = Symbol('resolving again')

/**
 * Building a zod schema is a call, and esbuild keeps every top-level call in case it has effects: so
 * every function would build every area's schemas at each cold start (about a third of its `require`).
 * The contract's modules only declare, so one whose exports a function never uses is left out.
 * `common.ts` is the exception: it sets zod's Chinese messages.
 */
const contractDeclaresOnly: Plugin = {
  name: 'contract-declares-only',
  setup(plugin) {
    plugin.onResolve({ filter: /^\.\.?\// }, async (args) => {
      if (args.pluginData === RESOLVING_AGAIN) return undefined
      const { path, errors } = await plugin.resolve(args.path, {
        importer: args.importer,
        resolveDir: args.resolveDir,
        kind: args.kind,
        pluginData: RESOLVING_AGAIN,
      })
      if (errors.length > 0 || !/[\\/]src[\\/]contract[\\/]/.test(path) || /[\\/]common\.ts$/.test(path))
        return undefined
      return { path, sideEffects: false }
    })
  },
}

/** esbuild's options for one function: everything but the SDK inside, minified. */
export const FUNCTION_BUNDLE = {
  bundle: true,
  platform: 'node',
  target: 'node16',
  format: 'cjs',
  external: ['wx-server-sdk'],
  plugins: [zodAsModuleNamespace, contractDeclaresOnly],
  // A cold start parses the whole file: WeChat loads each function on its first call after idling.
  minify: true,
  // The Chinese messages as UTF-8 (3 bytes a character), not \u escapes (6).
  charset: 'utf8',
  metafile: true,
  logLevel: 'warning',
} satisfies BuildOptions
