// fieldnote/vite — the Vite plugin:
//
//   // vite.config.js
//   import fieldnote from 'fieldnote/vite';
//   export default { plugins: [fieldnote()] };
//
//   // a page
//   import signup from './signup.schema.json?validator';
//
// `?validator` imports are compiled at build time (a schema that cannot be used fails the build,
// naming the place) into a module holding the program, run by `fieldnote/runtime`. The plugin
// also keeps Vite's dependency pre-bundling away from the package, whose WebAssembly files are
// found next to its modules (Vite 5–7 would otherwise serve an HTML page for them), and serves
// them in dev from a linked install (outside Vite's serving allow list).
import { readFile } from 'node:fs/promises';
import { validatorModule } from './aot.js';

/** The package's own wasm files, by name: the dev server serves these from here. */
const WASM = /\/(fieldnote_(?:errors|validator|runtime)_bg\.wasm)(?:[?#].*)?$/;

const PREFIX = '\0fieldnote-validator:';
const SUFFIX = '.validator.js';

/** The Vite plugin. `options`: `locale`, `labels`, `messages`, `formats`, as `compile()` takes them. */
export default function fieldnote(options = {}) {
  return {
    name: 'fieldnote',
    enforce: 'pre',
    config() {
      return { optimizeDeps: { exclude: ['fieldnote'] } };
    },
    // A linked install (`npm install /path/to/pkg`) puts the package outside the project, and the
    // dev server refuses to serve its wasm ("outside of Vite serving allow list"): serve the
    // package's own wasm files, and nothing else, from where this plugin lives.
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const m = WASM.exec(req.url ?? '');
        if (!m) return next();
        readFile(new URL(`./${m[1]}`, import.meta.url)).then((bytes) => {
          res.setHeader('content-type', 'application/wasm');
          res.end(bytes);
        }, next);
      });
    },
    async resolveId(source, importer) {
      if (!/\?(.*&)?validator(&|$)/.test(source)) return null;
      const path = source.slice(0, source.indexOf('?'));
      const resolved = await this.resolve(path, importer, { skipSelf: true });
      if (!resolved) return null;
      // A virtual id that does not end in `.json`: Vite's JSON plugin must not read the module.
      return `${PREFIX}${resolved.id}${SUFFIX}`;
    },
    async load(id) {
      if (!id.startsWith(PREFIX) || !id.endsWith(SUFFIX)) return null;
      const file = id.slice(PREFIX.length, -SUFFIX.length);
      this.addWatchFile(file);
      const text = await readFile(file, 'utf8');
      try {
        return validatorModule(text, file, options);
      } catch (e) {
        this.error(e.message);
      }
      return null;
    },
  };
}
