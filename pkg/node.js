// fieldnote — the Node entry: instantiates the WebAssembly synchronously, so
// `import { normalize } from 'fieldnote'` works with no init call (and no fetch).
import { readFileSync } from 'node:fs';
import { initSync } from './index.js';

initSync(readFileSync(new URL('./fieldnote_bg.wasm', import.meta.url)));

export * from './index.js';
export { default } from './index.js';
