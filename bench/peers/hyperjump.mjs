// @hyperjump/json-schema: compiling is asynchronous (`await validate(uri)`), the compiled
// validator is synchronous. BASIC output lists every error. Formats asserted (opt-in).
import { registerSchema, unregisterSchema, validate, setShouldValidateFormat } from '@hyperjump/json-schema/draft-2020-12';
import { BASIC } from '@hyperjump/json-schema/experimental';
import '@hyperjump/json-schema/formats';

export const label = 'hyperjump';
export const note = '@hyperjump/json-schema (draft-2020-12, formats on): async compile (awaited), sync validate, BASIC output';
export const asyncCompile = true;

setShouldValidateFormat(true);
let serial = 0;

export async function compile(schema) {
  // A fresh URI each time: registering is per URI, and compile-time runs compile again.
  const uri = schema.$id.replace(/\.json$/, `-${++serial}.json`);
  registerSchema({ ...schema, $id: uri });
  try {
    const v = await validate(uri);
    return (value) => {
      const out = v(value, BASIC);
      return out.valid ? 0 : out.errors.length;
    };
  } finally {
    unregisterSchema(uri);
  }
}
