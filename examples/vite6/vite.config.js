// The README's one line for Vite 5–7 (section "Bundlers and frameworks"): their dev server
// pre-bundles dependencies into node_modules/.vite/, away from the package's wasm, so the
// `new URL('…wasm', import.meta.url)` it fetches would answer with index.html. `vite build` needs
// nothing; Vite 8 needs nothing at all.
import { defineConfig } from 'vite';

export default defineConfig({
  optimizeDeps: { exclude: ['fieldnote'] },
});
