import { z } from 'zod';

/**
 * The WhatsApp admin endpoints under `/admin/portals/:portalId/whatsapp/…` (issue 7): what the settings page and
 * the operator send, and what they get back. Domain documents keep their own schemas and are parsed by their
 * modules (settings: src/messaging/admin/settingsPatch.ts, variable mappings: src/mapping/templateVariables.ts,
 * campaign definitions: src/messaging/campaigns/definition.ts); the views below mirror them for the page.
 * Secrets travel only in requests: a response says whether each one is set, never what it is.
 */
export const WHATSAPP_ADMIN_BASE = '/admin/portals/:portalId/whatsapp';

/** Meta's ids (WABA, phone number) are numeric strings. */
const MetaId = z
  .string()
  .trim()
  .regex(/^\d{1,30}$/, 'must be the numeric id Meta shows (digits only)');

/** A token, app secret or verify token: opaque to us, but never blank or with spaces (a copy-paste slip). */
const SecretText = z
  .string()
  .trim()
  .min(8, 'is too short to be a real secret')
  .max(1024, 'is longer than any Meta secret')
  .regex(/^\S+$/, 'must not contain spaces');

export const BusinessNumberBody = z
  .object({
    phoneNumberId: MetaId,
    displayNumber: z
      .string()
      .trim()
      .regex(/^\+?[\d\s().-]{5,30}$/, 'must be a phone number such as +1 555-078-3881'),
    label: z.string().trim().min(1).max(60).optional(),
    isDefault: z.boolean().optional(),
    /** reference/whatsapp.md §3: 80 msg/s by default, 1,000 after Meta's upgrade, 20 in coexistence. */
    throughputPerSecond: z.number().int().min(1).max(1000).optional(),
  })
  .strict();

export const PutWhatsAppAccountBody = z
  .object({
    businessAccountId: MetaId,
    numbers: z
      .array(BusinessNumberBody)
      .min(1, 'at least one phone number is needed')
      .max(20)
      .superRefine((numbers, ctx) => {
        const seen = new Set<string>();
        numbers.forEach((n, i) => {
          if (seen.has(n.phoneNumberId)) {
            ctx.addIssue({ code: 'custom', path: [i, 'phoneNumberId'], message: `${n.phoneNumberId} is listed twice` });
          }
          seen.add(n.phoneNumberId);
        });
        if (numbers.filter((n) => n.isDefault).length > 1) {
          ctx.addIssue({ code: 'custom', message: 'only one number can be the default' });
        }
      }),
    /** Omitted: the stored secret is kept (they are never shown, so a page cannot send them back). */
    accessToken: SecretText.optional(),
    appSecret: SecretText.optional(),
    verifyToken: SecretText.optional(),
  })
  .strict();
export type PutWhatsAppAccountBody = z.input<typeof PutWhatsAppAccountBody>;
/** As parsed (trimmed): what the service receives. */
export type PutWhatsAppAccount = z.output<typeof PutWhatsAppAccountBody>;

export const TEMPLATE_CATEGORIES = ['MARKETING', 'UTILITY', 'AUTHENTICATION'] as const;
export const TEMPLATE_REVIEW_STATUSES = ['APPROVED', 'PENDING', 'REJECTED', 'PAUSED', 'DISABLED'] as const;

/** A template registered by hand (providers without template listing). */
export const RegisterTemplateBody = z
  .object({
    name: z.string().regex(/^[a-z0-9_]{1,512}$/, 'must be lowercase letters, digits and _ (as Meta names templates)'),
    language: z.string().regex(/^[a-z]{2,3}(_[A-Z]{2,3})?$/, 'must be a language code such as en_US or es'),
    category: z.enum(TEMPLATE_CATEGORIES),
    status: z.enum(TEMPLATE_REVIEW_STATUSES).default('APPROVED'),
    bodyText: z.string().min(1).max(1024),
    /** Optional cross-check: must equal the number of `{{n}}` in the body. */
    parameterCount: z.number().int().min(0).max(100).optional(),
  })
  .strict();
export type RegisterTemplateBody = z.input<typeof RegisterTemplateBody>;
export type RegisterTemplate = z.output<typeof RegisterTemplateBody>;

/** `:name/:language` of a stored template (synced names may be anything Meta allows). */
export const TemplateKeyParams = z.object({
  name: z.string().regex(/^[A-Za-z0-9_.-]{1,512}$/, 'is not a template name'),
  language: z.string().regex(/^[A-Za-z0-9_-]{2,20}$/, 'is not a language code'),
});

export const CAMPAIGN_STATUSES = ['active', 'paused', 'archived'] as const;

export const CreateCampaignBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    /** Parsed by the campaign module (steps, waits, branches); errors name `body.definition.<path>`. */
    definition: z.unknown(),
  })
  .strict();
export type CreateCampaignBody = { name: string; definition: unknown };

export const CampaignStatusBody = z.object({ status: z.enum(CAMPAIGN_STATUSES) }).strict();

const ContactId = z.string().regex(/^\d{1,20}$/, 'must be a HubSpot record id');

export const EnrollContactsBody = z.object({ contactIds: z.array(ContactId).min(1).max(500) }).strict();
export type EnrollContactsBody = z.input<typeof EnrollContactsBody>;

export const EnrollmentsQuery = z.object({
  status: z.enum(['active', 'completed', 'stopped']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** The `nextAfterId` of the previous page. */
  afterId: z.coerce.number().int().positive().optional(),
});

/** An instant as ISO 8601 (`2026-03-01` or `2026-03-01T00:00:00Z`) → epoch ms. */
const Instant = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/, 'must be an ISO 8601 date or date-time')
  .transform((s, ctx) => {
    const ms = Date.parse(s);
    if (Number.isNaN(ms)) ctx.addIssue({ code: 'custom', message: 'is not a real date' });
    return ms;
  });

/** `from` inclusive, `to` exclusive; both optional (default: the 30 days before now). */
export const MetricsQuery = z
  .object({ from: Instant.optional(), to: Instant.optional() })
  .refine((q) => q.from === undefined || q.to === undefined || q.from < q.to, {
    message: 'from must be before to',
    path: ['from'],
  });

/** Exactly one of the two: whose WhatsApp data to delete. */
export const PrivacyDeletionBody = z
  .object({ contactId: ContactId.optional(), phone: z.string().trim().min(5).max(40).optional() })
  .strict()
  .refine((b) => (b.contactId === undefined) !== (b.phone === undefined), {
    message: 'give either contactId or phone (exactly one)',
  });
export type PrivacyDeletionBody = z.input<typeof PrivacyDeletionBody>;

// ---- responses ----

export type SecretState = 'set' | 'missing' | 'unreadable';

export interface BusinessNumberView {
  phoneNumberId: string;
  displayNumber: string;
  label: string | null;
  isDefault: boolean;
  throughputPerSecond: number;
}

export interface BusinessHoursView {
  timeZone: string;
  windows: { day: number; open: string; close: string }[];
}

export interface RoutingRuleView {
  id: string;
  team: string;
  keywords: string[];
  assignTo?: { kind: 'owner'; ownerId: string } | { kind: 'team'; teamId: string };
  createTicket: boolean;
  ticket?: { pipeline: string; stage: string };
}

export interface WhatsAppSettingsView {
  defaultLanguage: string;
  defaultCountry?: string;
  businessHours: BusinessHoursView;
  optOutKeywords: string[];
  optInKeywords: string[];
  marketingOptOutPayloads: string[];
  optOutConfirmation: string;
  optInConfirmation: string;
  routingRules: RoutingRuleView[];
}

export interface WhatsAppAccountView {
  portalId: number;
  /** An account (business account id and numbers) is saved. */
  configured: boolean;
  /** Configured and the access token is stored and readable: sends and template sync can run. */
  connected: boolean;
  businessAccountId: string | null;
  numbers: BusinessNumberView[];
  secrets: { accessToken: SecretState; appSecret: SecretState; verifyToken: SecretState };
  /** What to enter in Meta's app dashboard (Callback URL + the verify token set here). */
  webhook: { callbackUrl: string };
  settings: WhatsAppSettingsView;
  updatedAt: string | null;
}

export interface TemplateVariableView {
  position: number;
  source: { from: 'contact'; property: string } | { from: 'deal'; property: string } | { from: 'static'; text: string };
  fallback?: string;
  format?: { kind: 'text' } | { kind: 'date' } | { kind: 'money'; currency: string };
}

export interface TemplateView {
  name: string;
  language: string;
  category: (typeof TEMPLATE_CATEGORIES)[number];
  status: (typeof TEMPLATE_REVIEW_STATUSES)[number] | 'DELETED';
  source: 'synced' | 'manual';
  bodyText: string;
  parameterCount: number;
  mapping: TemplateVariableView[];
  /** Positions with no mapping: reps must type them; workflows and campaigns cannot send the template. */
  unmapped: number[];
  updatedAt: string;
}

export interface Problem {
  field: string;
  message: string;
}

export interface TemplateSyncView {
  portalId: number;
  added: number;
  updated: number;
  deleted: number;
  /** Listed templates that could not be read, described. */
  skipped: string[];
  /** Templates stored for the portal after the sync (DELETED included). */
  total: number;
}

export interface EnrollmentCounts {
  active: number;
  completed: number;
  stopped: number;
}

export interface CampaignView {
  id: number;
  name: string;
  status: (typeof CAMPAIGN_STATUSES)[number];
  definition: unknown;
  enrollments: EnrollmentCounts;
  createdAt: string;
  updatedAt: string;
}

export interface EnrollmentView {
  id: number;
  contactId: string;
  status: 'active' | 'completed' | 'stopped';
  stepId: string | null;
  waitUntil: string | null;
  nextRunAt: string | null;
  stopReason: string | null;
  enrolledAt: string;
  updatedAt: string;
}

export interface EnrollResult {
  campaignId: number;
  /** Enrolled by this request. */
  enrolled: string[];
  /** Already in the campaign (any status): left as they were. */
  already: string[];
}

export interface RatesView {
  sent: number;
  delivered: number;
  read: number;
  failed: number;
  responded: number;
  deliveryRate: number | null;
  readRate: number | null;
  responseRate: number | null;
}

export interface MetricsView {
  portalId: number;
  period: { from: string; to: string };
  templates: ({ name: string; language: string } & RatesView)[];
  campaigns: ({ campaignId: number; name: string; enrollments: Record<string, number> } & RatesView)[];
}

export interface PrivacyDeletionView {
  portalId: number;
  phones: string[];
  contactIds: string[];
  messages: number;
  statuses: number;
  contactStates: number;
  enrollments: number;
}
