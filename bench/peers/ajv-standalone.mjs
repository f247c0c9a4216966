// Ajv's standalone output: the workload schemas compiled to JS ahead of time (bench/gen.mjs),
// so nothing is compiled at run time and no Ajv is shipped, only its small runtime helpers.
import precompiled from '../out/ajv-standalone.cjs';

export const label = 'ajv-standalone';
export const note = 'ajv/dist/standalone output for these schemas (compiled at build time: no compile figure)';
export const precompiledOnly = true;

export function compile(schema) {
  const validate = precompiled[schema.$id.replace(/^.*\/|\.json$/g, '')];
  if (!validate) throw new Error(`ajv-standalone: no precompiled validator for ${schema.$id}`);
  return (value) => (validate(value) ? 0 : validate.errors.length);
}
