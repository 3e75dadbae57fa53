import { addPhoneNumber, createWaba, issueToken } from './accounts.ts';
import type { WhatsAppSandboxState } from './state.ts';
import { addTemplate } from './templates.ts';

/**
 * The demo business: one WABA with one number and a handful of templates. Ids and the display number are
 * the ones in Meta's examples and our fixtures (WABA 102290129340398, number 106540352242922 /
 * 15550783881), so sandbox webhooks and fixtures read alike.
 */

export const DEMO = {
  wabaId: '102290129340398',
  phoneNumberId: '106540352242922',
  displayPhoneNumber: '15550783881',
  token: 'EAASBX-demo-access-token',
} as const;

export interface DemoWhatsApp {
  wabaId: string;
  phoneNumberId: string;
  displayPhoneNumber: string;
  token: string;
  templates: { name: string; language: string; category: string; status: string; parameters: number }[];
}

/** Seeds the demo business (idempotent: seeding twice changes nothing). */
export function seedDemoWhatsApp(state: WhatsAppSandboxState): DemoWhatsApp {
  if (!state.wabas.has(DEMO.wabaId)) {
    createWaba(state, { id: DEMO.wabaId, name: 'Switchboard Demo Co' });
    addPhoneNumber(state, DEMO.wabaId, {
      id: DEMO.phoneNumberId,
      displayPhoneNumber: DEMO.displayPhoneNumber,
      verifiedName: 'Switchboard Demo Co',
    });
    issueToken(state, DEMO.wabaId, { token: DEMO.token });
    seedTemplates(state);
  }
  return {
    ...DEMO,
    templates: state.templates
      .filter((t) => t.wabaId === DEMO.wabaId)
      .map((t) => ({
        name: t.name,
        language: t.language,
        category: t.category,
        status: t.status,
        parameters: (t.components.find((c) => c.type === 'BODY')?.text?.match(/\{\{\d+\}\}/g) ?? []).length,
      })),
  };
}

function seedTemplates(state: WhatsAppSandboxState): void {
  const waba = DEMO.wabaId;
  addTemplate(state, waba, {
    name: 'order_update',
    language: 'en_US',
    category: 'UTILITY',
    body: 'Hi {{1}}, your order {{2}} has been updated. Reply here if you have any questions.',
    footer: 'Switchboard Demo Co',
  });
  addTemplate(state, waba, {
    name: 'order_update',
    language: 'es',
    category: 'UTILITY',
    body: 'Hola {{1}}, tu pedido {{2}} ha sido actualizado.',
  });
  addTemplate(state, waba, {
    name: 'welcome',
    language: 'en_US',
    category: 'MARKETING',
    header: { format: 'TEXT', text: 'Welcome!' },
    body: 'Thanks for joining {{1}}. Tap below if you would rather not get offers from us.',
    quickReplies: ['Stop promotions'],
  });
  addTemplate(state, waba, {
    name: 'payment_reminder',
    language: 'en_US',
    category: 'UTILITY',
    body: 'Hi {{1}}, a payment of {{2}} is due on {{3}}.',
  });
  addTemplate(state, waba, {
    name: 'spring_sale',
    language: 'en_US',
    category: 'MARKETING',
    status: 'PENDING',
    body: 'Our spring sale starts {{1}}: up to {{2}} off.',
  });
}
