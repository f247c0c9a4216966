// @cfworker/json-schema: an interpreter (no code generation); shortCircuit off to collect all errors.
import { Validator } from '@cfworker/json-schema';

export const label = '@cfworker';
export const note = '@cfworker/json-schema Validator(schema, "2020-12", shortCircuit=false); counts its nested error list';

export function compile(schema) {
  const validator = new Validator(schema, '2020-12', false);
  return (value) => {
    const r = validator.validate(value);
    return r.valid ? 0 : r.errors.length;
  };
}
