#!/usr/bin/env node
// fieldnote's command line: `npx fieldnote compile <schema.json> [-o <out.js>]`.
import { readFileSync, writeFileSync } from 'node:fs';
import { validatorModule } from '../aot.js';

const USAGE = `Usage: fieldnote compile <schema.json> [-o <out.js>] [options]

Compiles a JSON Schema ahead of time into a JavaScript module whose default export is a ready
Validator (it imports fieldnote/runtime: the page ships no schema compiler).

Options:
  -o, --out <file>        write the module here (default: standard output)
  --locale <tag>          the messages' locale (load it with loadLocale on the page)
  --labels <file.json>    field labels by path, as compile(schema, { labels }) takes them
  --messages <file.json>  custom messages, as compile(schema, { messages }) takes them
  --schema <uri>=<file>   another schema that $ref may name by <uri> (repeatable)
  --no-formats            leave "format" unchecked
  --runtime <specifier>   import the runtime from here (default: fieldnote/runtime)`;

function fail(message, code = 1) {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

function readJson(file, what) {
  let text;
  try { text = readFileSync(file, 'utf8'); } catch (e) { fail(`fieldnote: cannot read ${what} ${file}: ${e.code ?? e.message}`); }
  try { return JSON.parse(text); } catch (e) { fail(`fieldnote: ${what} ${file} is not JSON: ${e.message}`); }
  return undefined;
}

const args = process.argv.slice(2);
if (args.length === 0 || args[0] === '-h' || args[0] === '--help') fail(USAGE, args.length ? 0 : 2);
if (args[0] !== 'compile') fail(`fieldnote: unknown command "${args[0]}"\n\n${USAGE}`, 2);

const options = { schemas: {} };
let input = null;
let out = null;
for (let i = 1; i < args.length; i++) {
  const a = args[i];
  const value = () => (i + 1 < args.length ? args[++i] : fail(`fieldnote: ${a} needs a value\n\n${USAGE}`, 2));
  if (a === '-o' || a === '--out') out = value();
  else if (a === '--locale') options.locale = value();
  else if (a === '--labels') options.labels = readJson(value(), 'the labels file');
  else if (a === '--messages') options.messages = readJson(value(), 'the messages file');
  else if (a === '--no-formats') options.formats = false;
  else if (a === '--runtime') options.runtime = value();
  else if (a === '--schema') {
    const v = value();
    const eq = v.lastIndexOf('=');
    if (eq <= 0) fail(`fieldnote: --schema takes <uri>=<file>, got "${v}"`, 2);
    try { options.schemas[v.slice(0, eq)] = readFileSync(v.slice(eq + 1), 'utf8'); } catch (e) { fail(`fieldnote: cannot read ${v.slice(eq + 1)}: ${e.code ?? e.message}`); }
  } else if (a.startsWith('-')) fail(`fieldnote: unknown option ${a}\n\n${USAGE}`, 2);
  else if (input === null) input = a;
  else fail(`fieldnote: one schema at a time (got "${input}" and "${a}")`, 2);
}
if (input === null) fail(`fieldnote: which schema? \n\n${USAGE}`, 2);

let text;
try { text = readFileSync(input, 'utf8'); } catch (e) { fail(`fieldnote: cannot read ${input}: ${e.code ?? e.message}`); }
let code;
try { code = validatorModule(text, input, options); } catch (e) { fail(e.message); }
if (out) writeFileSync(out, code);
else process.stdout.write(code);
