// The validator module's asset URL: bundlers see `new URL(..., import.meta.url)` and ship the file.
export default new URL('../fieldnote_validator_bg.wasm', import.meta.url);
