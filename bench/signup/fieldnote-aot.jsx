// The sign-up page with fieldnote, the schema compiled ahead of time: the module that
// `npx fieldnote compile www/schema/signup.json -o signup.validator.js` writes (bench/signup.mjs
// runs that command into bench/out/signup/), run by `fieldnote/runtime`, given to React Hook Form
// as a Standard Schema. The runtime's wasm starts downloading when this module is evaluated (or
// earlier, from the page's <link rel="preload">).
import { standardSchemaResolver } from '@hookform/resolvers/standard-schema';
import signup from '../out/signup/signup.validator.js';
import { mount } from './form.jsx';

mount({ resolver: standardSchemaResolver(signup), schema: signup, whenReady: () => signup.ready });
