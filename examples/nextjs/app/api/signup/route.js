// A route handler: the server validates with the same schema and answers in the spec's envelope.
import { compile } from 'fieldnote';
import { schema } from '../../schema.js';

const validator = compile(schema, { formats: true });

export async function POST(request) {
  const value = await request.json();
  const envelope = validator.validate(value);
  if (envelope) return Response.json(envelope, { status: 422 });
  if (value.email === 'taken@example.com') {
    return Response.json({
      error: {
        code: 'validation_failed',
        message: 'Check your answers',
        details: [{ field: 'email', message: 'This email address is already registered' }],
      },
    }, { status: 422 });
  }
  return Response.json({ ok: true }, { status: 201 });
}
