// fieldnote ahead of time: the workload schemas compiled at build time (bench/gen.mjs, the same
// module `npx fieldnote compile` writes) and run by `fieldnote/runtime`: no schema compiler.
import { load, ready as runtimeReady } from 'fieldnote/runtime';
import { checkOf } from './fieldnote-check.mjs';
import programs from '../out/fieldnote-programs.mjs';

export const label = 'fieldnote-aot';
export const note = 'fieldnote/runtime load(program).validate(value), the program compiled at build time (no compile figure)';
export const precompiledOnly = true;

export const ready = () => runtimeReady;

export function compile(schema) {
  const program = programs[schema.$id.replace(/^.*\/|\.json$/g, '')];
  if (!program) throw new Error(`fieldnote-aot: no program for ${schema.$id}`);
  const v = load(program);
  return checkOf(v);
}
