import { z } from 'zod';
import { AppError } from '../errors.ts';

/**
 * An order's status lifecycle as data (issue 6 §1): the statuses, where an order starts, which moves are allowed,
 * and which statuses mean "done" (they set the completion date on the deal). Configurable per portal.
 */
export const Lifecycle = z
  .object({
    statuses: z.array(z.string().regex(/^[a-z][a-z0-9_]{0,39}$/)).min(1),
    initial: z.string(),
    transitions: z.record(z.string(), z.array(z.string())),
    completed: z.array(z.string()).default([]),
  })
  .superRefine((l, ctx) => {
    for (const problem of lifecycleProblems(l)) ctx.addIssue({ code: 'custom', message: problem });
  });
export type Lifecycle = z.infer<typeof Lifecycle>;

/** new → in_production → shipped → completed, and cancelled from anywhere before shipping. */
export const DEFAULT_LIFECYCLE: Lifecycle = {
  statuses: ['new', 'in_production', 'shipped', 'completed', 'cancelled'],
  initial: 'new',
  transitions: {
    new: ['in_production', 'cancelled'],
    in_production: ['shipped', 'cancelled'],
    shipped: ['completed'],
    completed: [],
    cancelled: [],
  },
  completed: ['completed'],
};

/** Statuses a lifecycle names but does not define; empty when the lifecycle is consistent. */
export function lifecycleProblems(l: Omit<Lifecycle, 'completed'> & { completed?: string[] }): string[] {
  const known = new Set(l.statuses);
  const problems: string[] = [];
  if (!known.has(l.initial)) problems.push(`initial status "${l.initial}" is not one of the statuses`);
  for (const [from, targets] of Object.entries(l.transitions)) {
    if (!known.has(from)) problems.push(`transition from unknown status "${from}"`);
    for (const to of targets) if (!known.has(to)) problems.push(`transition ${from} → unknown status "${to}"`);
  }
  for (const s of l.completed ?? [])
    if (!known.has(s)) problems.push(`completed status "${s}" is not one of the statuses`);
  return problems;
}

export const allowedFrom = (l: Lifecycle, from: string): string[] => l.transitions[from] ?? [];

/**
 * Throws a `validation` AppError unless `from → to` is allowed. Staying in the same status is allowed (the order
 * system may repeat a request, or only send shipping details).
 */
export function assertTransition(l: Lifecycle, from: string, to: string): void {
  if (!l.statuses.includes(to)) {
    throw new AppError('validation', `"${to}" is not an order status; statuses are: ${l.statuses.join(', ')}`, {
      field: 'status',
      allowed: l.statuses,
    });
  }
  if (from === to) return;
  const allowed = allowedFrom(l, from);
  if (!allowed.includes(to)) {
    const next = allowed.length > 0 ? `allowed next: ${allowed.join(', ')}` : `"${from}" is final`;
    throw new AppError('validation', `an order cannot move from "${from}" to "${to}"; ${next}`, {
      field: 'status',
      allowed,
    });
  }
}

export const isCompleted = (l: Lifecycle, status: string): boolean => l.completed.includes(status);
