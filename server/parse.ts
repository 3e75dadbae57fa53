import type { z } from 'zod';
import { AppError } from '../src/errors.ts';

/**
 * Parses outside input with a zod schema; on failure throws a `validation` AppError whose message names
 * every offending field (e.g. "query.portalId: expected number"), which the error middleware answers as 400.
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, where: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => ({
    field: [where, ...i.path.map(String)].join('.'),
    message: i.message,
  }));
  throw new AppError('validation', problems.map((p) => `${p.field}: ${p.message}`).join('; '), { problems });
}
