import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

let compiling: Promise<WebAssembly.Module> | undefined

/**
 * Starts compiling PGlite's 9 MB of WebAssembly on V8's background threads and returns at once.
 * The host calls it before the rest of its code loads, so the two overlap; the store it opens
 * later takes the compiled module instead of compiling the file again.
 */
export function compilePgliteEarly(): void {
  // Read synchronously: an asynchronous read would only finish once the whole host had loaded.
  compiling ??= WebAssembly.compile(
    readFileSync(join(dirname(createRequire(__filename).resolve('@electric-sql/pglite')), 'pglite.wasm')),
  )
}

/** The module compilePgliteEarly started, if it did. */
export function earlyPgliteModule(): Promise<WebAssembly.Module> | undefined {
  return compiling
}
