// @exodus/schemasafe: generates JS (new Function); allErrors + includeErrors.
import { validator } from '@exodus/schemasafe';

export const label = 'schemasafe';
export const note = '@exodus/schemasafe validator(schema, { includeErrors, allErrors })';

export function compile(schema) {
  const validate = validator(schema, { includeErrors: true, allErrors: true });
  return (value) => (validate(value) ? 0 : validate.errors.length);
}
