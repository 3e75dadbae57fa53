import { ActionItemPriority, Sentiment } from '@switchboard/contract';
import { z } from 'zod';
import { AppError } from '../errors.ts';

/**
 * A finished conversation session as the conversation platform posts it (issue 8 §1). Parsed at the edge; every
 * error names its field (`participants.1.email: invalid email`). Text limits keep one session well inside
 * HubSpot's 65,536 characters per string property (reference §5) once formatted into the meeting.
 */
const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(max, { error: `at most ${max} characters` });
const email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: 'invalid email' }));
const dateTime = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time with a time zone' });
// A due date may be a day (`2026-03-01`, taken as midnight UTC) or a date-time.
const dueDate = z.union([z.iso.date(), dateTime], { error: 'must be a date (YYYY-MM-DD) or an ISO 8601 date-time' });

export const Participant = z
  .object({
    name: text(200).optional(),
    email: email.optional(),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[\d\s().-]{5,30}$/, { error: 'invalid phone number' })
      .optional(),
    company: text(200).optional(),
  })
  .refine((p) => p.name !== undefined || p.email !== undefined || p.phone !== undefined, {
    error: 'a participant needs a name, an email or a phone',
  });
export type Participant = z.infer<typeof Participant>;

export const ActionItem = z.object({
  title: text(250),
  description: z.string().trim().max(5_000).optional(),
  priority: ActionItemPriority.default('MEDIUM'),
  dueDate: dueDate.optional(),
  assigneeEmail: email.optional(),
});
export type ActionItem = z.infer<typeof ActionItem>;

export const SessionSummary = z.object({
  brief: text(5_000),
  keyPoints: z.array(text(1_000)).max(50).default([]),
  actionItems: z.array(ActionItem).max(50).default([]),
  nextSteps: z.array(text(1_000)).max(50).default([]),
  sentiment: Sentiment,
  insights: z.array(text(1_000)).max(50).default([]),
  recommendedDealUpdate: z
    .object({ stage: text(100).optional(), nextStep: text(1_000).optional() })
    .refine((u) => u.stage !== undefined || u.nextStep !== undefined, { error: 'give a stage or a nextStep' })
    .optional(),
});
export type SessionSummary = z.infer<typeof SessionSummary>;

export const SessionInput = z.object({
  sessionId: z
    .string()
    .trim()
    .regex(/^[\w.:-]{1,200}$/, { error: 'letters, digits, _ . : - only (1–200)' }),
  title: text(500),
  startTime: dateTime,
  durationSeconds: z
    .number()
    .int({ error: 'must be a whole number of seconds' })
    .min(1)
    .max(24 * 3600),
  participants: z.array(Participant).min(1, { error: 'at least one participant' }).max(50),
  summary: SessionSummary,
});
/** A session as parsed (defaults applied, emails lower-cased). */
export type Session = z.infer<typeof SessionInput>;

/** Field problems as `path: message` lines, e.g. `participants.1.email: invalid email`. */
export function describeIssues(error: z.ZodError, prefix: string[] = []): { field: string; message: string }[] {
  return error.issues.map((i) => ({
    field: [...prefix, ...i.path.map(String)].join('.') || '(body)',
    message: i.message,
  }));
}

/** Parses a posted session or throws a `validation` AppError naming every bad field (HTTP 400 in phase 2). */
export function parseSession(input: unknown): Session {
  const result = SessionInput.safeParse(input);
  if (result.success) return result.data;
  const problems = describeIssues(result.error);
  throw new AppError('validation', problems.map((p) => `${p.field}: ${p.message}`).join('; '), { problems });
}
