// A CommonJS TypeScript project (`.cts`, module nodenext): `import` compiles to `require`, which
// loads the ESM package through Node's require(esm) (Node 20.19+ / 22.12+). With module node16
// TypeScript reports TS1479 instead: the README says to use nodenext (or node20) there.
import { compile, normalize } from 'fieldnote';

const envelope = compile({ type: 'object', required: ['name'] }).validate({});
export const message: string | undefined = envelope?.error.details[0]?.message;
export const ok: boolean = normalize({ status: 204, body: '' }).ok;
