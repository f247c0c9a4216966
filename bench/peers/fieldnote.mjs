// fieldnote: compile(schema) → validate(value) → null | the 422 envelope (English messages).
// A page that compiles at run time imports the validator entry: it starts only that module.
import { compile as fnCompile, ready as validatorReady } from 'fieldnote/validator';
import { checkOf } from './fieldnote-check.mjs';

export const label = 'fieldnote';
export const note = 'fieldnote compile(schema).validate(value) → null | envelope with English messages';

export const ready = () => validatorReady;

export function compile(schema) {
  const v = fnCompile(schema);
  return checkOf(v);
}

/** For the normalize workload (f): its own module, started before that workload. */
export { normalize, ready as normalizeReady } from 'fieldnote/errors';
