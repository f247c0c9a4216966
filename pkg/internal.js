// fieldnote — hooks for the package's own tests (not exported by package.json).
import * as errorsGlue from './fieldnote_errors.js';
import * as validatorGlue from './fieldnote_validator.js';
import { modules } from './loader.js';

const moduleOf = (glue) => modules.find((m) => m.glue === glue);

/** Traps inside the errors module on purpose (a stand-in for a bug): tests prove recovery. */
export function trapErrors() {
  const m = moduleOf(errorsGlue);
  return m.call(errorsGlue.__trap);
}

/** Traps inside the validator module on purpose. */
export function trapValidator() {
  const m = moduleOf(validatorGlue);
  return m.call(validatorGlue.__trap);
}

/** Restart counts of the two modules. */
export function generations() {
  return { errors: moduleOf(errorsGlue).generation, validator: moduleOf(validatorGlue).generation };
}

/** Compiled schemas alive in the validator module's memory (tests of `free` and garbage collection). */
export function liveSchemas() {
  const m = moduleOf(validatorGlue);
  return m.call(validatorGlue.__liveSchemas);
}

/** Bytes of each module's memory (a restart replaces the instance). */
export function memoryBytes() {
  const bytes = (glue) => {
    const m = moduleOf(glue);
    if (!m.running) m.startSync();
    return glue.__wbg_get_memory().buffer.byteLength;
  };
  return { errors: bytes(errorsGlue), validator: bytes(validatorGlue) };
}
