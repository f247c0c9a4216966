// A browser app's usual settings (lib ES2022 + DOM, no @types/node, skipLibCheck off): the
// declarations must not need newer libs (`Symbol.dispose`) or Node's types.
import { compile, normalize } from 'fieldnote';
import { bindForm } from 'fieldnote/dom';

declare const form: HTMLFormElement;
const validator = compile({ type: 'object', required: ['name'] });
bindForm(form, { validator, onSubmit: async () => normalize({ status: 201, body: '' }) });
