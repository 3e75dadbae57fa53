import { z } from 'zod';
import { AppError } from '../../errors.ts';

/**
 * A campaign is data (issue 7 §8): a list of steps run in order, with jumps. Steps:
 * - `send_template`: send an approved template (variables from its mapping, optional overrides);
 * - `wait`: N calendar days in the portal's time zone;
 * - `wait_until`: a date property of the contact minus N days (recomputed each time, so a moved due date
 *   moves the wait; a date already past continues at once [M]);
 * - `branch`: a condition picks the next step (`whenTrue` / `whenFalse`).
 * Any step may name its `next`; `'end'` ends the campaign. Conditions: a contact property equals / exists /
 * is greater than (number or date), or "replied since enrollment".
 */

const StepId = z.string().regex(/^[a-z0-9_-]{1,40}$/i, 'step ids are letters, digits, _ or -');
const Target = z.union([StepId, z.literal('end')]);

export const ConditionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('equals'), property: z.string().min(1), value: z.string() }),
  z.object({ kind: z.literal('exists'), property: z.string().min(1) }),
  z.object({ kind: z.literal('greater_than'), property: z.string().min(1), value: z.union([z.number(), z.string()]) }),
  z.object({ kind: z.literal('replied') }),
]);
export type Condition = z.infer<typeof ConditionSchema>;

const common = { id: StepId, next: Target.optional() };

export const StepSchema = z.discriminatedUnion('type', [
  z.object({
    ...common,
    type: z.literal('send_template'),
    template: z.string().min(1),
    language: z.string().min(2).optional(),
    overrides: z.record(z.string(), z.string()).optional(),
  }),
  z.object({ ...common, type: z.literal('wait'), days: z.number().int().min(1).max(365) }),
  z.object({
    ...common,
    type: z.literal('wait_until'),
    property: z.string().min(1),
    daysBefore: z.number().int().min(0).max(365).default(0),
    /** Local time of day the wait ends (sends still wait for business hours). */
    at: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
      .default('00:00'),
  }),
  z.object({ ...common, type: z.literal('branch'), condition: ConditionSchema, whenTrue: Target, whenFalse: Target }),
]);
export type Step = z.output<typeof StepSchema>;

export const CampaignDefinitionSchema = z
  .object({
    /** 'marketing' campaigns stop on any opt-out; 'utility' ones (reminders) only on a full opt-out (§3). */
    purpose: z.enum(['marketing', 'utility']).default('marketing'),
    stopOnReply: z.boolean().default(true),
    /** Reaching it completes the enrollment (e.g. lifecyclestage equals customer). */
    goal: ConditionSchema.optional(),
    steps: z.array(StepSchema).min(1),
  })
  .superRefine((d, ctx) => {
    const ids = new Set<string>();
    for (const s of d.steps) {
      if (ids.has(s.id)) ctx.addIssue({ code: 'custom', message: `step id ${s.id} is used twice` });
      ids.add(s.id);
    }
    const targets = d.steps.flatMap((s) => [s.next, ...(s.type === 'branch' ? [s.whenTrue, s.whenFalse] : [])]);
    for (const t of targets) {
      if (t !== undefined && t !== 'end' && !ids.has(t)) ctx.addIssue({ code: 'custom', message: `no step ${t}` });
    }
  });
export type CampaignDefinition = z.output<typeof CampaignDefinitionSchema>;
export type CampaignDefinitionInput = z.input<typeof CampaignDefinitionSchema>;

/** Parses a definition, naming the first problem (AppError 'validation'). */
export function parseCampaignDefinition(input: unknown): CampaignDefinition {
  const parsed = CampaignDefinitionSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new AppError('validation', `campaign: ${issue?.path.join('.') || '(root)'} ${issue?.message ?? 'is invalid'}`);
}

/** The step after `step` when it does not jump: its `next`, else the following one, else the end. */
export function followingStep(definition: CampaignDefinition, step: Step): string {
  if (step.next) return step.next;
  const index = definition.steps.indexOf(step);
  return definition.steps[index + 1]?.id ?? 'end';
}

/** Every contact property the campaign reads (for one batch read per tick). */
export function propertiesRead(definition: CampaignDefinition): string[] {
  const conditions = [definition.goal, ...definition.steps.map((s) => (s.type === 'branch' ? s.condition : undefined))];
  const fromConditions = conditions.flatMap((c) => (c && c.kind !== 'replied' ? [c.property] : []));
  const fromWaits = definition.steps.flatMap((s) => (s.type === 'wait_until' ? [s.property] : []));
  return [...new Set([...fromConditions, ...fromWaits])];
}
