import { describe, expect, it } from 'vitest';
import { Secret } from '../../src/connections/secret.ts';
import { reencryptAll } from '../../src/connections/tokenVaultRotation.ts';
import { createWhatsAppSecrets } from '../../src/messaging/whatsappSecrets.ts';
import { DEFAULT_OPT_OUT_KEYWORDS } from '../../src/messaging/whatsappSettings.ts';
import { keyEntry, vaultFor } from '../connections/vaultFixtures.ts';
import { demoAccount, messagingDb, PORTAL } from './messagingFixtures.ts';

describe('per-portal WhatsApp configuration', () => {
  it('an account keeps its numbers (the first is the default) and its settings with defaults filled in', () => {
    const w = messagingDb();
    w.accounts.save(
      demoAccount({
        numbers: [
          { phoneNumberId: 'n1', displayNumber: '15550001' },
          { phoneNumberId: 'n2', displayNumber: '15550002', throughputPerSecond: 1000 },
        ],
      }),
      1,
    );
    const account = w.accounts.find(PORTAL)!;
    expect(account.numbers.map((n) => [n.phoneNumberId, n.isDefault, n.throughputPerSecond])).toEqual([
      ['n1', true, 80],
      ['n2', false, 1000],
    ]);
    expect(account.settings).toMatchObject({
      defaultLanguage: 'en_US',
      defaultCountry: 'ES',
      optOutKeywords: DEFAULT_OPT_OUT_KEYWORDS,
      optInKeywords: ['START'],
      routingRules: [],
    });
    expect(DEFAULT_OPT_OUT_KEYWORDS).toEqual(['STOP', 'UNSUBSCRIBE', 'BAJA', 'CANCELAR']);
    expect(w.accounts.findByNumber('n2')).toMatchObject({ portalId: PORTAL, number: { displayNumber: '15550002' } });
    expect(w.accounts.findByNumber('unknown')).toBeUndefined();
  });

  it.each([
    ['an unknown time zone', { businessHours: { timeZone: 'Mars/Olympus', windows: [] } }, /businessHours.timeZone/],
    [
      'a window closing before it opens',
      { businessHours: { timeZone: 'UTC', windows: [{ day: 1, open: '18:00', close: '09:00' }] } },
      /open before it closes/,
    ],
    [
      'a routing rule without keywords',
      { routingRules: [{ id: 'r', team: 'sales', keywords: [] }] },
      /routingRules.0.keywords/,
    ],
    ['an empty opt-out list', { optOutKeywords: [] }, /optOutKeywords/],
  ])('settings with %s are refused, naming the field', (_case, settings, message) => {
    const w = messagingDb();
    expect(() => w.accounts.save(demoAccount({ settings: settings as never }), 1)).toThrow(message);
    expect(w.accounts.find(PORTAL)).toBeUndefined();
  });

  it('secrets are sealed per portal and kind: the database never holds them in clear', () => {
    const w = messagingDb();
    w.accounts.save(demoAccount(), 1);
    const secrets = createWhatsAppSecrets(w.db, vaultFor(keyEntry('k1')), () => 1);
    secrets.save(PORTAL, 'token', new Secret('EAAG-very-secret-token'));
    secrets.save(PORTAL, 'app_secret', new Secret('meta-app-secret'));
    expect(secrets.read(PORTAL, 'token')?.reveal()).toBe('EAAG-very-secret-token');
    expect(secrets.read(PORTAL, 'verify_token')).toBeUndefined();
    const dump = JSON.stringify(w.db.prepare('SELECT * FROM whatsapp_secrets').all());
    expect(dump).not.toContain('very-secret');
    expect(dump).not.toContain('meta-app-secret');
    // A ciphertext copied to another kind's row does not open there (purpose portal:101:whatsapp_<kind>).
    w.db
      .prepare(
        "UPDATE whatsapp_secrets SET ciphertext = (SELECT ciphertext FROM whatsapp_secrets WHERE kind = 'token') WHERE kind = 'app_secret'",
      )
      .run();
    expect(() => secrets.read(PORTAL, 'app_secret')).toThrow(/failed authentication/);
  });

  it('key rotation re-encrypts WhatsApp secrets too', () => {
    const w = messagingDb();
    w.accounts.save(demoAccount(), 1);
    const oldKey = keyEntry('old');
    createWhatsAppSecrets(w.db, vaultFor(oldKey), () => 1).save(PORTAL, 'token', new Secret('EAAG-token'));
    const rotated = vaultFor(`${keyEntry('new')},${oldKey}`);
    const secrets = createWhatsAppSecrets(w.db, rotated, () => 2);
    expect(reencryptAll(rotated, secrets.rotation)).toMatchObject({ examined: 1, reencrypted: 1, failed: [] });
    expect(w.db.prepare('SELECT key_id FROM whatsapp_secrets').all()).toEqual([{ key_id: 'new' }]);
    expect(secrets.read(PORTAL, 'token')?.reveal()).toBe('EAAG-token');
  });
});
