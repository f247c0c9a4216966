// The README's webpack rule for schemas compiled ahead of time (`import v from './x.json?validator'`).
export default {
  mode: 'production',
  entry: './src/aot.js',
  output: { path: new URL('./dist-aot/', import.meta.url).pathname, filename: 'main.js' },
  module: {
    rules: [{ resourceQuery: /validator/, loader: 'fieldnote/webpack-loader', type: 'javascript/auto' }],
  },
};
