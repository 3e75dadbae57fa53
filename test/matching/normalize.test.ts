import { describe, expect, it } from 'vitest';
import { chunkForSearch, SEARCH_BODY_LIMIT } from '../../src/matching/crmSearch.ts';
import { isFreeMailDomain } from '../../src/matching/freeMailDomains.ts';
import {
  emailDomain,
  identityKey,
  normalizeDomain,
  normalizeName,
  normalizePerson,
  normalizePhone,
  samePhone,
  splitName,
} from '../../src/matching/normalize.ts';

describe('normal forms', () => {
  it.each([
    ['Ann.Lee@ACME.example', 'acme.example'],
    ['x@www.Acme.Example.', 'acme.example'],
    ['no-at-sign', undefined],
    ['trailing@', undefined],
  ])('the email domain of %s is %s', (email, domain) => {
    expect(emailDomain(email)).toBe(domain);
  });

  it.each([
    ['https://www.acme.example/about?x=1', 'acme.example'],
    ['ACME.example:8080', 'acme.example'],
    ['sub.acme.example', 'sub.acme.example'],
  ])('the domain %s normalizes to %s', (raw, domain) => {
    expect(normalizeDomain(raw)).toBe(domain);
  });

  it.each([
    ['  Ann   Marie  Lee ', 'ann marie lee', { firstname: 'Ann', lastname: 'Marie Lee' }],
    ['Cher', 'cher', { firstname: 'Cher', lastname: '' }],
    ['Jose\u0301 Núñez', 'josé núñez', { firstname: 'José', lastname: 'Núñez' }],
  ])('the name %j compares as %j and splits into first and last', (raw, normal, split) => {
    expect(normalizeName(raw)).toBe(normal);
    expect(splitName(raw)).toEqual(split);
  });

  it.each([
    ['+49 (151) 234-5678', '+491512345678'],
    ['0151 2345678', '01512345678'],
  ])('the phone %s normalizes to %s', (raw, normal) => {
    expect(normalizePhone(raw)).toBe(normal);
  });

  it.each([
    ['+49 1512345678', '1512345678', true],
    ['+49 1512345678', '+491512345678', true],
    ['12345', '912345', false],
    ['', '', false],
  ])('%s and %s are the same line: %s', (a, b, same) => {
    expect(samePhone(a, b)).toBe(same);
  });

  it('a person is identified by email, else name, else phone', () => {
    expect(identityKey(normalizePerson({ name: 'Ann', email: 'A@B.example', phone: '1' }))).toBe('email:a@b.example');
    expect(identityKey(normalizePerson({ name: ' Ann  Lee ', phone: '123' }))).toBe('name:ann lee');
    expect(identityKey(normalizePerson({ phone: '+1 555 0100' }))).toBe('phone:15550100');
    expect(identityKey(normalizePerson({ company: 'Acme', email: '  ' }))).toBeUndefined();
  });
});

describe('free-mail domains', () => {
  it.each(['gmail.com', 'outlook.com', 'hotmail.com', 'yahoo.com', 'icloud.com', 'gmx.de', 'web.de'])(
    '%s is free mail',
    (d) => {
      expect(isFreeMailDomain(d)).toBe(true);
    },
  );

  it('a business domain is not; a portal can add its own', () => {
    expect(isFreeMailDomain('acme.example')).toBe(false);
    expect(isFreeMailDomain('mail.regional.example', ['mail.regional.example'])).toBe(true);
  });
});

describe('search requests within HubSpot’s limits', () => {
  const build = (emails: string[]) => ({
    filterGroups: [{ filters: [{ propertyName: 'email', operator: 'IN' as const, values: emails }] }],
    properties: ['email', 'firstname', 'lastname'],
  });

  it('splits 500 emails into the fewest requests of at most 3,000 characters and 100 values', () => {
    const emails = Array.from({ length: 500 }, (_, i) => `participant.number${i}@some-company.example`);
    const requests = chunkForSearch(emails, build);
    // As sent: with the page size and, on a later page, the largest `after` HubSpot allows.
    for (const r of requests) {
      expect(JSON.stringify({ ...r, limit: 200, after: '10000' }).length).toBeLessThanOrEqual(SEARCH_BODY_LIMIT);
    }
    expect(requests.flatMap((r) => r.filterGroups[0]!.filters[0]!.values)).toEqual(emails);
    expect(requests.length).toBe(Math.ceil(emails.length / requests[0]!.filterGroups[0]!.filters[0]!.values!.length));
  });

  it('short values stop at 100 per request', () => {
    const requests = chunkForSearch(
      Array.from({ length: 250 }, (_, i) => `a${i}@b.co`),
      build,
    );
    expect(requests.map((r) => r.filterGroups[0]!.filters[0]!.values!.length)).toEqual([100, 100, 50]);
  });
});
