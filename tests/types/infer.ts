// Types read from a schema written `as const` (the proposal in issue 15's report): no type
// argument, and the valid value is typed from `type`, `properties`, `required`, `items`, `enum`.
import { compile } from 'fieldnote';

const v = compile({
  type: 'object',
  properties: { name: { type: 'string' }, age: { type: 'integer' }, tags: { type: 'array', items: { enum: ['a', 'b'] } } },
  required: ['name'],
});
const r = await v['~standard'].validate({});
if (!r.issues) {
  const name: string = r.value.name;
  const age: number | undefined = r.value.age;
  const tags: ('a' | 'b')[] | undefined = r.value.tags;
  // @ts-expect-error name is a string
  const wrong: number = r.value.name;
}
// A named type still wins over the schema.
const named = compile<{ id: number }>({ type: 'object' });
const id: number = (named['~standard'].validate({}) as { value: { id: number } }).value.id;
