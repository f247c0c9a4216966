// The README's one line for webpack (section "Bundlers and frameworks"): keep the size hint for
// JavaScript, not for the wasm. Optional: the app builds and runs without any config file.
export default {
  performance: { assetFilter: (file) => !/\.(wasm|map)$/.test(file) },
};
