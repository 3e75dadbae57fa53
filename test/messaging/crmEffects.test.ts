import { describe, expect, it } from 'vitest';
import { WHATSAPP_CONTACT_PROPERTIES as P } from '../../src/messaging/crmPort.ts';
import type { CrmEffect } from '../../src/messaging/crmEffects.ts';
import { runCrmEffects } from '../../src/messaging/runCrmEffects.ts';
import { InMemoryCrm } from './fakeCrm.ts';

const ada = { contactId: null, phone: '+34612345678' };
const effects: CrmEffect[] = [
  {
    kind: 'timeline',
    contact: ada,
    event: { id: 'wa:w1:reply', kind: 'whatsapp_reply_received', occurredAt: new Date(0), tokens: { text: 'hola' } },
  },
  { kind: 'contact_properties', contact: ada, properties: { [P.responseStatus]: 'replied' } },
  { kind: 'assign_team', contact: ada, teamId: '77' },
  { kind: 'assign_owner', contact: { contactId: '9', phone: '+34600000009' }, ownerId: '9001' },
  {
    kind: 'ticket',
    contact: ada,
    ticket: { idempotencyKey: 'wa:w1:ticket', subject: 'WhatsApp (billing): invoice', content: 'invoice please' },
  },
];

describe('running CRM effects on the MessagingCrm port', () => {
  it('matches contacts by phone once, applies every effect, and a replay changes nothing', async () => {
    const crm = new InMemoryCrm({ 501: { mobilephone: '+34612345678' }, 9: { phone: '+34600000009' } });
    expect(await runCrmEffects(crm, 101, effects)).toEqual({
      applied: 5,
      unmatched: [],
      matched: new Map([['+34612345678', '501']]),
    });
    await runCrmEffects(crm, 101, effects);
    expect(crm.timeline.map((t) => [t.contactId, t.event.id])).toEqual([['501', 'wa:w1:reply']]);
    expect(crm.contacts.get('501')).toMatchObject({ [P.responseStatus]: 'replied', hubspot_team_id: '77' });
    expect(crm.owners.get('9')).toBe('9001');
    const ticketEffect = effects[4];
    expect([...crm.tickets.values()]).toEqual([
      { contactId: '501', ticket: ticketEffect?.kind === 'ticket' ? ticketEffect.ticket : undefined },
    ]);
  });

  it('effects for a number no contact has are handed back unapplied', async () => {
    const report = await runCrmEffects(new InMemoryCrm(), 101, effects.slice(0, 2));
    expect(report).toEqual({ applied: 0, unmatched: effects.slice(0, 2), matched: new Map() });
  });
});
