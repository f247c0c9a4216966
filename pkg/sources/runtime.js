// The runtime module's asset URL: bundlers see `new URL(..., import.meta.url)` and ship the file.
export default new URL('../fieldnote_runtime_bg.wasm', import.meta.url);
