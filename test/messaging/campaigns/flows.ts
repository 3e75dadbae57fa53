import type { CampaignDefinitionInput } from '../../../src/messaging/campaigns/definition.ts';
import type { BusinessHours } from '../../../src/messaging/whatsappSettings.ts';

/**
 * The guide's two flows, as data. [M] The guide is not in the repository; these follow its description in
 * issue 7 (nurture drip with delays; payment reminders before a due date), with realistic HubSpot properties.
 */

/** Nurture drip: welcome, 2 days, tips, 3 days, an offer to engaged contacts. Stops on reply; goal: customer. */
export const NURTURE_DRIP: CampaignDefinitionInput = {
  purpose: 'marketing',
  stopOnReply: true,
  goal: { kind: 'equals', property: 'lifecyclestage', value: 'customer' },
  steps: [
    { id: 'welcome', type: 'send_template', template: 'welcome' },
    { id: 'wait-2d', type: 'wait', days: 2 },
    { id: 'tips', type: 'send_template', template: 'product_tips' },
    { id: 'wait-3d', type: 'wait', days: 3 },
    {
      id: 'engaged',
      type: 'branch',
      condition: { kind: 'greater_than', property: 'hs_analytics_num_page_views', value: 5 },
      whenTrue: 'offer',
      whenFalse: 'end',
    },
    { id: 'offer', type: 'send_template', template: 'spring_offer' },
  ],
};

/**
 * Payment reminder: 3 days before the due date, then on the due date unless the contact answered; the
 * goal (paid) ends it early. Utility: a marketing opt-out does not stop it, and replies do not either.
 */
export const PAYMENT_REMINDER: CampaignDefinitionInput = {
  purpose: 'utility',
  stopOnReply: false,
  goal: { kind: 'equals', property: 'payment_status', value: 'paid' },
  steps: [
    { id: 'before-due', type: 'wait_until', property: 'payment_due_date', daysBefore: 3, at: '10:00' },
    { id: 'reminder', type: 'send_template', template: 'payment_reminder' },
    { id: 'on-due', type: 'wait_until', property: 'payment_due_date', daysBefore: 0, at: '10:00' },
    { id: 'answered', type: 'branch', condition: { kind: 'replied' }, whenTrue: 'end', whenFalse: 'due-today' },
    { id: 'due-today', type: 'send_template', template: 'payment_reminder', overrides: { '3': 'today' } },
  ],
};

export const MADRID_HOURS: BusinessHours = {
  timeZone: 'Europe/Madrid',
  windows: [1, 2, 3, 4, 5].map((day) => ({ day, open: '09:00', close: '18:00' })),
};
