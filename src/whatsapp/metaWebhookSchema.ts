import { z } from 'zod';

/**
 * Meta's webhook body (reference/whatsapp.md §2; OAS `WebhookPayload/Entry/Change`, `Statuses`,
 * `StatusError`; fixtures examples/webhook-inbound-*.json and constructed-webhook-status-*.json).
 * Every level is an array and timestamps are strings of Unix seconds. Objects stay loose because Meta
 * adds fields; each status or message is parsed on its own so one odd item does not drop the batch.
 */

/** "1750263775" → Date. */
export const UnixSeconds = z
  .string()
  .regex(/^\d{1,12}$/, 'must be Unix seconds as a string')
  .transform((s) => new Date(Number(s) * 1000));

export const Envelope = z.object({
  object: z.literal('whatsapp_business_account'),
  entry: z.array(
    z.object({
      id: z.string(),
      changes: z.array(z.object({ field: z.string(), value: z.unknown() })),
    }),
  ),
});

/** `value` of a change with field "messages": metadata plus statuses, or contacts + messages, or errors. */
export const MessagesValue = z.object({
  metadata: z.object({ phone_number_id: z.string().min(1), display_phone_number: z.string().optional() }),
  contacts: z.array(z.object({ wa_id: z.string(), profile: z.object({ name: z.string() }).optional() })).optional(),
  messages: z.array(z.unknown()).optional(),
  statuses: z.array(z.unknown()).optional(),
  errors: z.array(z.unknown()).optional(),
});

/** OAS `StatusError`: `{code, title, message, error_data:{details}, href}`. */
export const ErrorItem = z.object({
  code: z.number().int(),
  title: z.string().optional(),
  message: z.string().optional(),
  error_data: z.object({ details: z.string().optional() }).optional(),
});

export const StatusItem = z.object({
  id: z.string().min(1),
  status: z.enum(['sent', 'delivered', 'read', 'failed']),
  timestamp: UnixSeconds,
  recipient_id: z.string(),
  errors: z.array(ErrorItem).optional(),
  pricing: z.object({ billable: z.boolean().optional() }).optional(),
  biz_opaque_callback_data: z.string().optional(),
});

const Text = z.object({ body: z.string() });
const Button = z.object({ payload: z.string().optional(), text: z.string() });
const Reply = z.object({ id: z.string(), title: z.string(), description: z.string().optional() });
const Interactive = z.object({
  type: z.string(),
  button_reply: Reply.optional(),
  list_reply: Reply.optional(),
});
const Reaction = z.object({ message_id: z.string(), emoji: z.string().optional() });
const Image = z.object({ id: z.string(), mime_type: z.string().optional(), caption: z.string().optional() });

/** One inbound message: the common fields and the optional payload named after its type. */
export const MessageItem = z.object({
  id: z.string().min(1),
  from: z.string().min(1),
  timestamp: UnixSeconds,
  type: z.string(),
  context: z.object({ id: z.string().optional() }).optional(),
  text: Text.optional(),
  button: Button.optional(),
  interactive: Interactive.optional(),
  reaction: Reaction.optional(),
  image: Image.optional(),
  system: z.object({ body: z.string().optional() }).optional(),
  errors: z.array(ErrorItem).optional(),
});

export type MessageItem = z.output<typeof MessageItem>;
export type StatusItem = z.output<typeof StatusItem>;
