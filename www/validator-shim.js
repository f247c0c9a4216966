// TEMPORARY stand-in for `compile` from '/pkg/index.js' (branch validator-js), on the same
// wasm validator. Removed when that branch is merged.
import { Validator } from '/pkg/fieldnote.js';

export function compile(schema, { locale = '' } = {}) {
  const v = Validator.compile(JSON.stringify(schema));
  const defs = schema.$defs ?? {};
  const resolve = (s) => (s?.$ref?.startsWith('#/$defs/') ? defs[s.$ref.slice(8)] : s);
  return {
    validate(value) {
      const out = v.envelopeJson(JSON.stringify(value), locale);
      return out === undefined ? null : JSON.parse(out);
    },
    typeAt(path) {
      let s = resolve(schema);
      for (const seg of path.split('.')) {
        if (!s) return null;
        s = resolve(/^\d+$/.test(seg) ? s.items : s.properties?.[seg]);
      }
      if (!s) return null;
      if (s.type) return [].concat(s.type);
      if (s.enum) return [...new Set(s.enum.map((e) => (Number.isInteger(e) ? 'integer' : typeof e)))];
      return null;
    },
  };
}
