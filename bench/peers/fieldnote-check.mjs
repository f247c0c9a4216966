// The check both fieldnote adapters hand the bench (not a peer itself): a validator →
// `check(value)` / `check.text(json)` giving the number of details, `check.free()`.
export function checkOf(v) {
  const details = (r) => (r === null ? 0 : r.error.details.length);
  const check = (value) => details(v.validate(value));
  check.text = (text) => details(v.validateJson(text));
  check.free = () => v.free();
  return check;
}
