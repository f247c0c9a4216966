// fieldnote: compile(schema) → validate(value) → null | the 422 envelope (English messages).
import init, { compile as fnCompile } from 'fieldnote';

export const label = 'fieldnote';
export const note = 'fieldnote compile(schema).validate(value) → null | envelope with English messages';

export const ready = () => init();

export function compile(schema) {
  const v = fnCompile(schema);
  const check = (value) => {
    const r = v.validate(value);
    return r === null ? 0 : r.error.details.length;
  };
  check.text = (text) => {
    const r = v.validateJson(text);
    return r === null ? 0 : r.error.details.length;
  };
  check.free = () => v.free();
  return check;
}

/** For the normalize workload (f). */
export { normalize } from 'fieldnote';
