/**
 * `webhooks` component config — reference §4.1 (hpc/2025.2/components/webhooks template, docs
 * add-features/configure-webhooks) and the event names in reference/hubspot-api.md §10.1.
 */
import { z } from 'zod';

const EVENTS = ['creation', 'deletion', 'propertyChange', 'associationChange', 'merge', 'restore'] as const;
/** [C] Objects the classic (`legacyCrmObjects`) subscription names exist for (webhooks v3 `eventType` enum). */
export const LEGACY_OBJECTS = ['contact', 'company', 'deal', 'ticket', 'product', 'line_item'] as const;

const LEGACY_TYPE = new RegExp(`^(${LEGACY_OBJECTS.join('|')})\\.(${EVENTS.join('|')})$`);

/** propertyChange subscriptions name their property; other events must not (HubSpot would ignore or reject it). */
function propertyNameMatchesEvent(
  sub: { subscriptionType: string; propertyName?: string | undefined },
  ctx: z.RefinementCtx,
) {
  const isPropertyChange = sub.subscriptionType.endsWith('.propertyChange');
  if (isPropertyChange && !sub.propertyName) {
    ctx.addIssue({ code: 'custom', path: ['propertyName'], message: 'is required for propertyChange subscriptions' });
  }
  if (!isPropertyChange && sub.propertyName !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['propertyName'],
      message: 'is only allowed on propertyChange subscriptions',
    });
  }
}

const crmObjectSubscription = z
  .strictObject({
    subscriptionType: z.enum(EVENTS.map((e) => `object.${e}`) as [string, ...string[]]),
    objectType: z.string().min(1),
    propertyName: z.string().min(1).optional(),
    // [M] HubSpot may default `active`; we require it so nothing is switched on or off by accident.
    active: z.boolean(),
  })
  .superRefine(propertyNameMatchesEvent);

const legacySubscription = z
  .strictObject({
    subscriptionType: z
      .string()
      .regex(
        LEGACY_TYPE,
        `must be <object>.<event> with object one of ${LEGACY_OBJECTS.join(', ')} and event one of ${EVENTS.join(', ')}`,
      ),
    propertyName: z.string().min(1).optional(),
    active: z.boolean(),
  })
  .superRefine(propertyNameMatchesEvent);

const hubEventSubscription = z.strictObject({
  // [D] hubEvents covers contact.privacyDeletion and conversation.* (reference §4.1).
  subscriptionType: z
    .string()
    .regex(
      /^(contact\.privacyDeletion|conversation\.[a-zA-Z]+)$/,
      'must be contact.privacyDeletion or conversation.<event>',
    ),
  active: z.boolean(),
});

export const webhooksConfigSchema = z.strictObject({
  settings: z.strictObject({
    targetUrl: z.string().min(1),
    // [D] "The old API said maxConcurrentRequests must be greater than 5" (reference §4.1).
    maxConcurrentRequests: z.int('must be a whole number').gt(5, 'must be greater than 5'),
  }),
  subscriptions: z.strictObject({
    crmObjects: z.array(crmObjectSubscription).optional(),
    legacyCrmObjects: z.array(legacySubscription).optional(),
    hubEvents: z.array(hubEventSubscription).optional(),
  }),
});

export type WebhooksConfig = z.output<typeof webhooksConfigSchema>;
