// Imported first by main.ts: PGlite's WebAssembly compiles while the rest of the host loads.
import { compilePgliteEarly } from '../storage/pglite/wasm'

compilePgliteEarly()
