// The errors module's asset URL: bundlers see `new URL(..., import.meta.url)` and ship the file.
export default new URL('../fieldnote_errors_bg.wasm', import.meta.url);
