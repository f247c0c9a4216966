// fieldnote/webpack-loader — compiles `import v from './x.schema.json?validator'` ahead of time in
// webpack 5:
//
//   module: { rules: [
//     { resourceQuery: /validator/, loader: 'fieldnote/webpack-loader', type: 'javascript/auto' },
//   ] }
//
// The module it writes holds the compiled program and imports `fieldnote/runtime`. A schema that
// cannot be used fails the build, naming the file and the place. Loader options: `locale`,
// `labels`, `messages`, `formats`, as `compile()` takes them.
module.exports = function fieldnoteLoader(source) {
  const callback = this.async();
  const options = typeof this.getOptions === 'function' ? this.getOptions() : {};
  import('./aot.js')
    .then(({ validatorModule }) => validatorModule(String(source), this.resourcePath, options))
    .then((code) => callback(null, code), (e) => callback(e));
};
