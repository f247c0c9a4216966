// Ajv (draft 2020-12 class) with ajv-formats, compiled at run time; allErrors to collect every error.
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

export const label = 'ajv';
export const note = 'Ajv2020 + ajv-formats, allErrors, strict off (titles); generates JS with new Function';

export function compile(schema) {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  return (value) => (validate(value) ? 0 : validate.errors.length);
}
