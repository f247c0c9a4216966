// Build steps of the benchmark (run by bench/run.mjs before measuring):
// - Ajv's standalone output for the workload schemas (out/ajv-standalone.cjs);
// - a minified esbuild browser bundle per adapter (out/browser/<peer>.js), for Chromium;
// - bundle sizes (g): what each validator costs a page, minified and gzip -9.
import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { compileToImage } from 'fieldnote/validator';
import { validatorModule } from '../pkg/aot.js';
import * as esbuild from 'esbuild';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { checkoutSchema, rowsSchema } from './data.mjs';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
export const PEERS = ['fieldnote', 'fieldnote-aot', 'ajv', 'ajv-standalone', 'cfworker', 'schemasafe', 'hyperjump'];
const pkg = here('../pkg/');

/** Ajv standalone code (CommonJS: its output `require`s Ajv's runtime and ajv-formats). */
function standalone(schemas) {
  const ajv = new Ajv2020({ allErrors: true, strict: false, code: { source: true } });
  addFormats(ajv);
  const refs = {};
  for (const [name, s] of Object.entries(schemas)) {
    ajv.addSchema(s);
    refs[name] = s.$id;
  }
  return standaloneCode(ajv, refs);
}

/** gzip -9 and brotli at its highest quality, as a server precompresses static files. */
export const gzip = (buf) => gzipSync(buf, { level: 9 });
export const brotli = (buf) => brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
const gz = (buf) => gzip(buf).length;
const br = (buf) => brotli(buf).length;

const common = {
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  write: false,
  logLevel: 'silent',
  // `fieldnote` and its subpaths resolve through bench/node_modules with the browser conditions.
  plugins: [{
    // @hyperjump/browser's package.json maps its entry for browsers ("browser" field), which
    // esbuild does not apply to a path found through `exports`: apply it.
    name: 'hyperjump-browser',
    setup(build) {
      build.onResolve({ filter: /^@hyperjump\/browser$/ }, () => ({ path: here('node_modules/@hyperjump/browser/lib/index.browser.js') }));
    },
  }],
  // Locale catalogs are loaded on demand (not part of an English page).
  external: ['./locales/*'],
  nodePaths: [here('node_modules')],
};

async function bundle(options) {
  const r = await esbuild.build({ ...common, ...options });
  return r.outputFiles[0].contents;
}

async function bundleText(contents, extra = {}) {
  return bundle({ stdin: { contents, resolveDir: here('.'), loader: 'js' }, ...extra });
}

/** Writes the generated files; returns nothing. */
export async function generate() {
  mkdirSync(here('out/browser'), { recursive: true });
  writeFileSync(here('out/ajv-standalone.cjs'), standalone({ checkout: checkoutSchema, rows: rowsSchema }));
  writeFileSync(here('out/ajv-standalone-checkout.cjs'), standalone({ checkout: checkoutSchema }));
  // fieldnote's programs compiled ahead of time, as `npx fieldnote compile` writes them.
  const programs = { checkout: checkoutSchema, rows: rowsSchema };
  writeFileSync(here('out/fieldnote-programs.mjs'), `export default ${JSON.stringify(Object.fromEntries(
    Object.entries(programs).map(([k, s]) => [k, Buffer.from(compileToImage(s)).toString('base64')])))};\n`);
  writeFileSync(here('out/checkout.validator.js'), validatorModule(JSON.stringify(checkoutSchema), 'checkout.json'));
  for (const peer of PEERS) {
    writeFileSync(here(`out/browser/${peer}.js`), await bundle({ entryPoints: [here(`peers/${peer}.mjs`)] }));
  }
  // The bundles find each module's wasm at `new URL('../<name>_bg.wasm', import.meta.url)`.
  for (const f of readdirSync(pkg).filter((f) => f.endsWith('_bg.wasm'))) copyFileSync(`${pkg}${f}`, here(`out/${f}`));
}

/**
 * (g) Sizes in bytes, gzip -9 (zlib level 9): `{ label: { bytes, gzip, parts } }`. Every JS
 * figure is an esbuild browser bundle, minified, of just what a page imports.
 */
export async function sizes() {
  const wasm = (name) => readFileSync(`${pkg}fieldnote_${name}_bg.wasm`);
  const out = {};
  const add = (label, js, modules = [], parts = '') => {
    const w = modules.map(wasm);
    const sum = (f) => w.reduce((n, b) => n + f(b), 0);
    out[label] = {
      bytes: js.length + sum((b) => b.length), gzip: gz(js) + sum(gz), brotli: br(js) + sum(br),
      parts: parts || (modules.length ? `${modules.map((m, i) => `${m} wasm ${gz(w[i])}`).join(' + ')} + JS ${gz(js)}` : ''),
    };
  };
  // Page kinds (issue 14): what a page that does one job downloads, JS bundle and wasm together.
  const fnErrors = await bundleText(`export { normalize, normalizeResponse } from 'fieldnote/errors';`);
  add('fieldnote: server errors only', fnErrors, ['errors']);
  const fnAot = await bundle({ entryPoints: [here('out/checkout.validator.js')] });
  add('fieldnote: ahead of time', fnAot, ['runtime'], undefined);
  const fnValidator = await bundleText(`export { compile } from 'fieldnote/validator';`);
  add('fieldnote', fnValidator, ['validator']);
  const fnAll = await bundleText(`export * from 'fieldnote';`);
  add('fieldnote (whole package)', fnAll, ['errors', 'validator']);
  const fnDom = await bundleText(`export * from 'fieldnote'; export * from 'fieldnote/dom';`);
  add('fieldnote + DOM layer', fnDom, ['errors', 'validator']);
  add('ajv', await bundleText(`export { default as Ajv } from 'ajv/dist/2020.js'; export { default as addFormats } from 'ajv-formats';`),
    [], 'Ajv2020 + ajv-formats');
  add('ajv (draft-07 class)', await bundleText(`export { default as Ajv } from 'ajv'; export { default as addFormats } from 'ajv-formats';`),
    [], 'Ajv + ajv-formats, for reference');
  add('ajv-standalone', await bundle({ entryPoints: [here('out/ajv-standalone-checkout.cjs')], format: 'esm' }),
    [], 'the checkout schema only');
  add('@cfworker', await bundleText(`export { Validator } from '@cfworker/json-schema';`));
  add('schemasafe', await bundleText(`export { validator } from '@exodus/schemasafe';`));
  add('hyperjump', await bundleText(`export * from '@hyperjump/json-schema/draft-2020-12'; import '@hyperjump/json-schema/formats';`),
    [], 'draft-2020-12 + formats');
  return out;
}

/** The versions measured, for the report. */
export function versions() {
  const v = (name) => JSON.parse(readFileSync(here(`node_modules/${name}/package.json`))).version;
  return {
    ajv: v('ajv'),
    'ajv-formats': v('ajv-formats'),
    '@cfworker/json-schema': v('@cfworker/json-schema'),
    '@exodus/schemasafe': v('@exodus/schemasafe'),
    '@hyperjump/json-schema': v('@hyperjump/json-schema'),
    esbuild: esbuild.version,
  };
}
