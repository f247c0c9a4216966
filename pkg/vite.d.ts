// fieldnote/vite: the Vite plugin that compiles `import v from './x.schema.json?validator'` ahead of time.
import type { WordingOptions } from './types.js';
/** Options: the wording of the validators' messages, and whether `format` is checked. */
export interface FieldnotePluginOptions extends WordingOptions { formats?: boolean }
/** The plugin (a Vite `Plugin`). */
export default function fieldnote(options?: FieldnotePluginOptions): { name: 'fieldnote'; [hook: string]: unknown };
