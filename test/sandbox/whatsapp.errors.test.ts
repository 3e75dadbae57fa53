import { afterEach, describe, expect, it } from 'vitest';
import {
  addPhoneNumber,
  createWaba,
  failNextSends,
  issueToken,
  setRecipient,
  setTemplateStatus,
} from '../../sandbox/whatsapp/index.ts';
import { fixture, IDS, startWorld, templateBody, textBody, type World } from './whatsapp.helpers.ts';

const USER = '+16505551234';
const T0 = 1_750_263_773_000;

let world: World;
afterEach(() => world?.close());

/** Sends, then posts every queued webhook and returns the statuses the receiver saw for that message. */
async function statusesOf(id: string) {
  await world.sandbox.flush();
  return world.receiver.statuses().filter((s) => s.id === id);
}

describe('WhatsApp sandbox: access token (190) and object access (100/33)', () => {
  it('answers 401 with code 190 when the token is missing, unknown or expired, like the 190 fixture', async () => {
    world = await startWorld({ now: () => T0 });
    const example = fixture<{ error: Record<string, unknown> }>('constructed-send-error-190.json');
    const expired = issueToken(world.sandbox.state, IDS.waba, { expiresAt: T0 - 1 });
    for (const token of [null, 'EAAnot-a-token', expired]) {
      const res = await world.send(textBody(USER, 'x'), { token });
      expect(res.status).toBe(401);
      expect(res.body.error).toMatchObject({ type: 'OAuthException', code: 190 });
    }
    const res = await world.send(textBody(USER, 'x'), { token: expired });
    expect(Object.keys(res.body.error!).sort()).toEqual(Object.keys(example.error).sort());
    expect(res.body.error).toMatchObject({
      error_subcode: 463,
      message: expect.stringMatching(/^Error validating access token: Session has expired/),
    });
    expect(world.sandbox.state.sent).toHaveLength(0);
  });

  it('refuses a token of another business for this number (100, subcode 33)', async () => {
    world = await startWorld();
    createWaba(world.sandbox.state, { id: '999' });
    addPhoneNumber(world.sandbox.state, '999', { id: '555', displayPhoneNumber: '15550000000' });
    const other = issueToken(world.sandbox.state, '999');
    const res = await world.send(textBody(USER, 'x'), { token: other });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 100, error_subcode: 33, type: 'GraphMethodException' });
  });
});

describe('WhatsApp sandbox: template errors', () => {
  it('132000 when the body parameter count differs from the template placeholders', async () => {
    world = await startWorld();
    const res = await world.send(templateBody(USER, 'order_update', ['Ada']));
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 132000,
      message: '(#132000) Number of parameters does not match the expected number of params',
    });
    expect(res.body.error!.error_data!.details).toBe(
      'body: number of localizable_params (1) does not match the expected number of params (2)',
    );
    expect((await world.send(templateBody(USER, 'order_update', ['Ada', '#1', 'extra']))).body.error?.code).toBe(
      132000,
    );
    expect((await world.send(templateBody(USER, 'order_update', ['Ada', '#1']))).status).toBe(200);
  });

  it('132001 for an unknown name, a language without translation, or a template not approved', async () => {
    world = await startWorld();
    setTemplateStatus(world.sandbox.state, IDS.waba, 'welcome', 'en_US', 'PENDING');
    const example = fixture<{ error: { message: string; error_data: unknown } }>('constructed-send-error-132001.json');
    const missing = await world.send(templateBody(USER, 'order_update', ['Ada', '#1'], 'en'));
    expect(missing.body.error).toMatchObject({ code: 132001, message: example.error.message });
    expect(missing.body.error!.error_data).toEqual({
      messaging_product: 'whatsapp',
      details: 'template name (order_update) does not exist in en',
    });
    expect((await world.send(templateBody(USER, 'no_such_template', []))).body.error?.code).toBe(132001);
    expect((await world.send(templateBody(USER, 'welcome', ['Acme']))).body.error?.code).toBe(132001);
    setTemplateStatus(world.sandbox.state, IDS.waba, 'welcome', 'en_US', 'REJECTED');
    expect((await world.send(templateBody(USER, 'welcome', ['Acme']))).body.error?.code).toBe(132001);
  });

  it('132015 for a paused template and 132016 for a disabled one', async () => {
    world = await startWorld();
    setTemplateStatus(world.sandbox.state, IDS.waba, 'order_update', 'en_US', 'PAUSED');
    expect((await world.send(templateBody(USER, 'order_update', ['Ada', '#1']))).body.error?.code).toBe(132015);
    setTemplateStatus(world.sandbox.state, IDS.waba, 'order_update', 'en_US', 'DISABLED');
    expect((await world.send(templateBody(USER, 'order_update', ['Ada', '#1']))).body.error?.code).toBe(132016);
  });
});

describe('WhatsApp sandbox: the 24-hour customer service window (131047)', () => {
  it('accepts free text to a user who never wrote, then reports failed 131047 (async, the default)', async () => {
    world = await startWorld();
    const res = await world.send(textBody(USER, 'hello?'));
    expect(res.status).toBe(200);
    const statuses = await statusesOf(res.body.messages![0]!.id);
    expect(statuses.map((s) => [s.status, s.errors?.[0]?.code])).toEqual([['failed', 131047]]);
  });

  it('rejects it synchronously with 131047 when configured so; templates are unaffected', async () => {
    world = await startWorld({ windowErrorMode: 'sync' });
    const res = await world.send(textBody(USER, 'hello?'));
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 131047, message: '(#131047) Re-engagement message' });
    expect((await world.send(templateBody(USER, 'order_update', ['Ada', '#1']))).status).toBe(200);
  });
});

describe('WhatsApp sandbox: undeliverable and opted-out recipients', () => {
  it('131026: a number not on WhatsApp is accepted, then gets only a failed status', async () => {
    world = await startWorld();
    setRecipient(world.sandbox.state, '+32476755376', { onWhatsApp: false });
    const res = await world.send(templateBody('+32476755376', 'order_update', ['Ada', '#1']));
    expect(res.status).toBe(200);
    const statuses = await statusesOf(res.body.messages![0]!.id);
    expect(statuses.map((s) => [s.status, s.errors?.[0]?.code])).toEqual([['failed', 131026]]);
  });

  it('131050 for marketing to a user who stopped promotions; 131049 for marketing to a US number', async () => {
    world = await startWorld();
    setRecipient(world.sandbox.state, '+447700900123', { stoppedMarketing: true });
    const optedOut = await world.send(templateBody('+447700900123', 'welcome', ['Acme']));
    const us = await world.send(templateBody(USER, 'welcome', ['Acme']));
    const utility = await world.send(templateBody('+447700900123', 'order_update', ['Ada', '#1']));
    expect((await statusesOf(optedOut.body.messages![0]!.id)).map((s) => s.errors?.[0]?.code)).toEqual([131050]);
    expect((await statusesOf(us.body.messages![0]!.id)).map((s) => s.errors?.[0]?.code)).toEqual([131049]);
    expect((await statusesOf(utility.body.messages![0]!.id)).map((s) => s.status)).toEqual([
      'sent',
      'delivered',
      'read',
    ]);
  });
});

describe('WhatsApp sandbox: rate limits', () => {
  it('130429 once a number exceeds 80 messages in a rolling second', async () => {
    let now = T0;
    world = await startWorld({ now: () => now });
    const send = (i: number) =>
      world.send(templateBody(`+4477009${String(i).padStart(5, '0')}`, 'order_update', ['A', 'B']));
    for (let i = 0; i < 80; i++) expect((await send(i)).status).toBe(200);
    const over = await send(80);
    expect(over.status).toBe(429);
    expect(over.body.error).toMatchObject({ code: 130429, message: '(#130429) Rate limit hit' });
    now += 999;
    expect((await send(81)).body.error?.code).toBe(130429);
    now += 1;
    expect((await send(82)).status).toBe(200);
  });

  it('131056 after a burst of 45 to the same user, one more allowed per 6 s [U figures]', async () => {
    let now = T0;
    world = await startWorld({ now: () => now });
    const send = () => world.send(templateBody(USER, 'order_update', ['A', 'B']));
    for (let i = 0; i < 45; i++) expect((await send()).status).toBe(200);
    const over = await send();
    expect(over.status).toBe(400);
    const example = fixture<{ error: Record<string, unknown> }>('constructed-send-error-131056.json');
    expect(over.body).toEqual({ error: { ...example.error, fbtrace_id: expect.any(String) } });
    expect((await world.send(templateBody('+447700900123', 'order_update', ['A', 'B']))).status).toBe(200);
    now += 6_000;
    expect((await send()).status).toBe(200);
    expect((await send()).body.error?.code).toBe(131056);
  });

  it('replays injected synchronous faults (e.g. 131000) for retry logic, then recovers', async () => {
    world = await startWorld();
    failNextSends(world.sandbox.state, 131000, 2);
    expect((await world.send(templateBody(USER, 'order_update', ['A', 'B']))).body.error?.code).toBe(131000);
    expect((await world.send(templateBody(USER, 'order_update', ['A', 'B']))).body.error?.code).toBe(131000);
    expect((await world.send(templateBody(USER, 'order_update', ['A', 'B']))).status).toBe(200);
  });
});
