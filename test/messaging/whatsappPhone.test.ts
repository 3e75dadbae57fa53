import { describe, expect, it } from 'vitest';
import { contactWhatsAppNumber, normalizePhone } from '../../src/mapping/whatsappPhone.ts';

describe('phone numbers to E.164 for WhatsApp', () => {
  it.each([
    // raw, default country, E.164
    ['+1 (650) 555-1234', undefined, '+16505551234'],
    ['+16505551234', 'ES', '+16505551234'],
    ['001 650 555 1234', 'ES', '+16505551234'],
    ['011 34 612 345 678', 'US', '+34612345678'],
    ['(650) 555-1234', 'US', '+16505551234'],
    ['1-650-555-1234', 'US', '+16505551234'],
    ['650.555.1234 ext. 12', 'US', '+16505551234'],
    ['612 34 56 78', 'ES', '+34612345678'],
    ['0034 612345678', 'ES', '+34612345678'],
    ['07911 123456', 'GB', '+447911123456'],
    ['+44 (0)20 7946 0958', undefined, '+442079460958'],
    ['06 12 34 56 78', 'FR', '+33612345678'],
    ['0151 23456789', 'DE', '+4915123456789'],
    ['06 1234 5678', 'IT', '+390612345678'],
    ['55 1234 5678', 'MX', '+525512345678'],
    ['300 123 4567', 'CO', '+573001234567'],
    ['+54 9 11 2345-6789', undefined, '+5491123456789'],
    ['+683 4002', undefined, '+6834002'],
  ])('%s (default %s) → %s', (raw, country, e164) => {
    expect(normalizePhone(raw, country)).toEqual({ ok: true, e164 });
  });

  it.each([
    ['', 'US', 'empty'],
    ['   ', 'US', 'empty'],
    [null, 'US', 'empty'],
    ['call me', 'US', 'not_a_number'],
    ['+1 650 555 1234 or +1 650 555 9999', undefined, 'not_a_number'],
    ['612 345 678', undefined, 'needs_country_code'],
    ['612 345 678', 'ZZ', 'needs_country_code'],
    ['555-1234', 'US', 'wrong_length'],
    ['+1 650 555 123', undefined, 'wrong_length'],
    ['+0 650 555 1234', undefined, 'not_a_number'],
    ['+1234567890123456', undefined, 'wrong_length'],
    ['61234567', 'ES', 'wrong_length'],
  ])('%s (default %s) is refused: %s', (raw, country, reason) => {
    expect(normalizePhone(raw, country)).toMatchObject({ ok: false, reason });
  });

  it.each([
    [{ mobilephone: '612 34 56 78', phone: '+1 650 555 1234' }, '+34612345678', 'mobilephone'],
    [{ mobilephone: '', phone: '+1 650 555 1234' }, '+16505551234', 'phone'],
    [{ mobilephone: 'n/a', phone: '612345678' }, '+34612345678', 'phone'],
    [{ phone: '612345678' }, '+34612345678', 'phone'],
  ])('contact %o → %s from %s (mobile first: WhatsApp lives on mobiles)', (properties, e164, property) => {
    expect(contactWhatsAppNumber(properties, 'ES')).toEqual({ ok: true, e164, property });
  });

  it('a contact without any usable number says why, naming the first bad value', () => {
    expect(contactWhatsAppNumber({ mobilephone: 'n/a', phone: '' }, 'ES')).toMatchObject({
      ok: false,
      reason: 'not_a_number',
    });
    expect(contactWhatsAppNumber({}, 'ES')).toMatchObject({ ok: false, reason: 'empty' });
  });
});
