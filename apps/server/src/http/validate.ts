import type { z } from 'zod';
import { AppError } from '../errors.js';

/** Parses untrusted input with a zod schema; failures become 400 invalid_request with the issues. */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new AppError(
      'invalid_request',
      'the request does not match the expected shape',
      result.error.issues.map((i) => ({ path: i.path, message: i.message, code: i.code })),
    );
  }
  return result.data;
}
