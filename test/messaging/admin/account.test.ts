import { describe, expect, it } from 'vitest';
import { DEFAULT_OPT_OUT_KEYWORDS, WhatsAppSettingsSchema } from '../../../src/messaging/whatsappSettings.ts';
import { WhatsAppSettingsPatch } from '../../../src/messaging/admin/settingsPatch.ts';
import { TEST_ORIGIN } from '../../support/testApp.ts';
import { demoAccountBody, OTHER, PORTAL, rows, whatsappAdminApp } from './adminApp.ts';

const MADRID_HOURS = {
  timeZone: 'Europe/Madrid',
  windows: [{ day: 1, open: '08:00', close: '14:00' }],
};

describe('WhatsApp admin: the account and its secrets', () => {
  it('before setup, the page sees "not configured", the default settings and the webhook URL to give Meta', async () => {
    const w = whatsappAdminApp();
    const res = await w.op('GET', `${w.base()}/account`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      portalId: PORTAL,
      configured: false,
      connected: false,
      businessAccountId: null,
      numbers: [],
      secrets: { accessToken: 'missing', appSecret: 'missing', verifyToken: 'missing' },
      webhook: { callbackUrl: `${TEST_ORIGIN}/webhooks/whatsapp/${PORTAL}` },
      settings: { defaultLanguage: 'en_US', optOutKeywords: DEFAULT_OPT_OUT_KEYWORDS },
    });
  });

  it('a saved account shows its numbers and which secrets are set; no answer and no row holds a secret in clear', async () => {
    const w = whatsappAdminApp();
    const body = demoAccountBody();
    const put = await w.op('PUT', `${w.base()}/account`, body);
    expect(put.status).toBe(200);
    const got = await w.op('GET', `${w.base()}/account`);
    expect(got.body).toEqual(put.body);
    expect(got.body).toMatchObject({
      configured: true,
      connected: true,
      businessAccountId: body.businessAccountId,
      numbers: [{ ...body.numbers[0], isDefault: true, throughputPerSecond: 80 }],
      secrets: { accessToken: 'set', appSecret: 'set', verifyToken: 'set' },
    });
    const everything = JSON.stringify([put.body, got.body, rows(w, 'whatsapp_secrets'), rows(w, 'whatsapp_accounts')]);
    for (const secret of [body.accessToken, body.appSecret, body.verifyToken]) expect(everything).not.toContain(secret);
    expect(w.secrets.read(PORTAL, 'verify_token')?.reveal()).toBe(body.verifyToken);
  });

  it('a later PUT without secrets keeps them, replaces the numbers and leaves the settings alone', async () => {
    const w = whatsappAdminApp();
    await w.op('PUT', `${w.base()}/account`, demoAccountBody());
    await w.op('PATCH', `${w.base()}/settings`, { defaultCountry: 'ES' });
    const numbers = [
      { phoneNumberId: '111', displayNumber: '+34 600 000 111' },
      { phoneNumberId: '222', displayNumber: '+34 600 000 222', isDefault: true, throughputPerSecond: 1000 },
    ];
    const res = await w.op('PUT', `${w.base()}/account`, { businessAccountId: '999', numbers });
    expect(res.status).toBe(200);
    expect(
      res.body.numbers.map((n: { phoneNumberId: string; isDefault: boolean }) => [n.phoneNumberId, n.isDefault]),
    ).toEqual([
      ['222', true],
      ['111', false],
    ]);
    expect(res.body.secrets).toEqual({ accessToken: 'set', appSecret: 'set', verifyToken: 'set' });
    expect(res.body.settings.defaultCountry).toBe('ES');
    expect(w.secrets.read(PORTAL, 'token')?.reveal()).toBe(demoAccountBody().accessToken);
  });

  it.each([
    ['a first save without the access token', demoAccountBody({ accessToken: undefined }), 'body.accessToken'],
    ['a business account id with letters', demoAccountBody({ businessAccountId: 'waba-1' }), 'body.businessAccountId'],
    ['no phone numbers', demoAccountBody({ numbers: [] }), 'body.numbers'],
    [
      'the same number twice',
      demoAccountBody({ numbers: [1, 2].map(() => ({ phoneNumberId: '5', displayNumber: '+1 555 0100' })) }),
      'body.numbers.1.phoneNumberId',
    ],
    [
      'two default numbers',
      demoAccountBody({
        numbers: ['5', '6'].map((id) => ({ phoneNumberId: id, displayNumber: '+1 555 0100', isDefault: true })),
      }),
      'body.numbers',
    ],
    ['a token with a space in it', demoAccountBody({ accessToken: 'EAA abc defghijkl' }), 'body.accessToken'],
    ['a misspelt secret field', demoAccountBody({ token: 'EAA-0123456789' }), 'body'],
    [
      'a throughput above Meta’s limit',
      demoAccountBody({ numbers: [{ phoneNumberId: '5', displayNumber: '+1 555 0100', throughputPerSecond: 5000 }] }),
      'body.numbers.0.throughputPerSecond',
    ],
  ])('%s is refused with 400 naming the field, and nothing is saved', async (_case, body, fieldName) => {
    const w = whatsappAdminApp();
    const res = await w.op('PUT', `${w.base()}/account`, body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation');
    expect(res.body.error.message).toContain(`${fieldName}:`);
    expect(rows(w, 'whatsapp_accounts')).toEqual([]);
    expect(rows(w, 'whatsapp_secrets')).toEqual([]);
    const secrets = [body.accessToken, body.appSecret, body.verifyToken].filter((s) => s !== undefined);
    for (const secret of secrets) expect(JSON.stringify([res.body, w.logs])).not.toContain(secret);
  });

  it('a number already connected to another portal is refused with 409, without saying which portal', async () => {
    const w = whatsappAdminApp();
    await w.op('PUT', `${w.base(OTHER)}/account`, demoAccountBody());
    const res = await w.op('PUT', `${w.base()}/account`, demoAccountBody());
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe(
      `phone number ${demoAccountBody().numbers[0]?.phoneNumberId} is already connected to another portal`,
    );
    expect(res.body.error.message).not.toContain(String(OTHER));
    expect((await w.op('GET', `${w.base()}/account`)).body.configured).toBe(false);
  });

  it('a secret that can no longer be opened (its key retired) shows as unreadable, and the portal as not connected', async () => {
    const w = whatsappAdminApp();
    await w.op('PUT', `${w.base()}/account`, demoAccountBody());
    w.db.prepare("UPDATE whatsapp_secrets SET ciphertext = 'v1:gone:AAAA' WHERE kind = 'token'").run();
    const res = await w.op('GET', `${w.base()}/account`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      connected: false,
      secrets: { accessToken: 'unreadable', appSecret: 'set', verifyToken: 'set' },
    });
  });

  it('a portal that is not installed cannot get an account', async () => {
    const w = whatsappAdminApp();
    const res = await w.op('PUT', `${w.base(4242)}/account`, demoAccountBody());
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe('portal 4242 is not installed');
  });
});

describe('WhatsApp admin: settings', () => {
  it('a PATCH changes only the fields it gives; defaults never overwrite saved values', async () => {
    const w = whatsappAdminApp();
    await w.op('PUT', `${w.base()}/account`, demoAccountBody());
    await w.op('PATCH', `${w.base()}/settings`, { businessHours: MADRID_HOURS, defaultCountry: 'ES' });
    const res = await w.op('PATCH', `${w.base()}/settings`, { optOutKeywords: ['STOP', 'PARAR'] });
    expect(res.status).toBe(200);
    expect(res.body.settings).toMatchObject({
      businessHours: MADRID_HOURS,
      defaultCountry: 'ES',
      optOutKeywords: ['STOP', 'PARAR'],
      optInKeywords: ['START'],
    });
    expect((await w.op('GET', `${w.base()}/settings`)).body.settings).toEqual(res.body.settings);
  });

  it('defaultCountry: null clears the default country', async () => {
    const w = whatsappAdminApp();
    await w.op('PUT', `${w.base()}/account`, demoAccountBody());
    await w.op('PATCH', `${w.base()}/settings`, { defaultCountry: 'ES' });
    const res = await w.op('PATCH', `${w.base()}/settings`, { defaultCountry: null });
    expect(res.status).toBe(200);
    expect(res.body.settings).not.toHaveProperty('defaultCountry');
  });

  it.each([
    [
      'an unknown time zone',
      { businessHours: { timeZone: 'Mars/Olympus', windows: [] } },
      'body.businessHours.timeZone',
    ],
    ['an empty opt-out list', { optOutKeywords: [] }, 'body.optOutKeywords'],
    ['a country that is not ISO alpha-2', { defaultCountry: 'Spain' }, 'body.defaultCountry'],
    [
      'a routing rule for an unknown team',
      { routingRules: [{ id: 'r', team: 'legal', keywords: ['x'] }] },
      'body.routingRules.0.team',
    ],
    ['a misspelt field', { optoutKeywords: ['STOP'] }, 'body'],
    ['nothing to change', {}, 'body'],
  ])('%s is refused with 400 naming the field, and the settings stay as they were', async (_case, patch, fieldName) => {
    const w = whatsappAdminApp();
    await w.op('PUT', `${w.base()}/account`, demoAccountBody());
    await w.op('PATCH', `${w.base()}/settings`, { defaultCountry: 'ES' });
    const before = rows(w, 'whatsapp_accounts');
    const res = await w.op('PATCH', `${w.base()}/settings`, patch);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(`${fieldName}:`);
    expect(rows(w, 'whatsapp_accounts')).toEqual(before);
  });

  it('settings cannot be patched before the account exists', async () => {
    const w = whatsappAdminApp();
    const res = await w.op('PATCH', `${w.base()}/settings`, { defaultCountry: 'ES' });
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(/not set up for portal 101: save the account first/);
  });

  it('every stored setting can be patched (a new setting must be added to the PATCH schema too)', () => {
    expect(Object.keys(WhatsAppSettingsPatch.shape).sort()).toEqual(Object.keys(WhatsAppSettingsSchema.shape).sort());
  });
});

describe('WhatsApp admin: who may call', () => {
  it('a settings page signed for a portal reaches that portal only; another portal answers 403 and changes nothing', async () => {
    const w = whatsappAdminApp();
    const own = await w.call({ signedFor: PORTAL }, 'PUT', `${w.base()}/account`, demoAccountBody());
    expect(own.status).toBe(200);
    for (const [method, path, body] of [
      ['GET', `${w.base(OTHER)}/account`, undefined],
      [
        'PUT',
        `${w.base(OTHER)}/account`,
        demoAccountBody({ numbers: [{ phoneNumberId: '7', displayNumber: '+1 555 0107' }] }),
      ],
      ['PATCH', `${w.base(OTHER)}/settings`, { defaultCountry: 'ES' }],
      ['GET', `${w.base(OTHER)}/templates`, undefined],
      ['GET', `${w.base(OTHER)}/campaigns`, undefined],
      ['GET', `${w.base(OTHER)}/metrics`, undefined],
      ['POST', `${w.base(OTHER)}/privacy/deletions`, { contactId: '1' }],
    ] as const) {
      const res = await w.call({ signedFor: PORTAL }, method, path, body);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.error.message).toBe(`This request is signed for portal ${PORTAL}, not for portal ${OTHER}`);
    }
    expect(rows(w, 'whatsapp_accounts').length).toBe(1);
    // The signature covers the query too: a signed GET with its own parameters goes through.
    const metrics = await w.call({ signedFor: PORTAL }, 'GET', `${w.base()}/metrics?from=2026-01-01`);
    expect(metrics.status).toBe(200);
    expect(metrics.body.portalId).toBe(PORTAL);
  });

  it('a request with neither signature nor operator token gets 401 and changes nothing', async () => {
    const w = whatsappAdminApp();
    const res = await w.call({ anonymous: true }, 'PUT', `${w.base()}/account`, demoAccountBody());
    expect(res.status).toBe(401);
    expect(rows(w, 'whatsapp_accounts')).toEqual([]);
  });
});
