// The sign-up page with fieldnote compiling the schema at run time (`fieldnote/validator`), at
// module scope as the README's React Hook Form section does: the validator's wasm (with the schema
// compiler) starts downloading when this module is evaluated, or earlier from the preload.
import { standardSchemaResolver } from '@hookform/resolvers/standard-schema';
import { compile } from 'fieldnote/validator';
import schema from '../../www/schema/signup.json';
import { mount } from './form.jsx';

const signup = compile(schema, { formats: true });

mount({ resolver: standardSchemaResolver(signup), schema: signup, whenReady: () => signup.ready });
