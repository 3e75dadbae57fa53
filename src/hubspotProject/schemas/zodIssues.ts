/**
 * Turn zod issues into Problems that name the file and the dotted field, with messages a person can act on
 * ("config.location: must be one of crm.record.tab, ..."), instead of zod's generic wording.
 */
import type { z } from 'zod';
import { type Problem, problem } from '../types.ts';

/** `['config', 'inputFields', 2, 'name']` → `config.inputFields[2].name`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`;
    return out === '' ? String(key) : `${out}.${String(key)}`;
  }, '');
}

function messageFor(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      // Parsed with reportInput: an absent field has no `input`.
      return issue.input === undefined ? 'is required' : `must be ${issue.expected}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map(String).join(', ')}`;
    default:
      return issue.message;
  }
}

/** Map issues from `schema.safeParse(value, { reportInput: true })`; `prefix` is where `value` sits in the file. */
export function issuesToProblems(file: string, prefix: readonly PropertyKey[], issues: z.core.$ZodIssue[]): Problem[] {
  return issues.flatMap((issue) => {
    const at = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) =>
        problem(
          file,
          formatPath([...at, key]),
          'unknown field (not in the shape documented in reference/hubspot-platform.md)',
        ),
      );
    }
    return [problem(file, formatPath(at) || '(root)', messageFor(issue))];
  });
}
