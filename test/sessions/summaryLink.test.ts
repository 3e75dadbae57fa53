import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSummaryLinks } from '../../src/sessions/summaryLink.ts';

const key = (id: string) => {
  const material = randomBytes(32);
  return { id, material: () => material };
};
const ringOf = (...keys: ReturnType<typeof key>[]) => ({
  active: keys[0]!,
  get: (id: string) => keys.find((k) => k.id === id),
});
const parts = (url: string) => {
  const u = new URL(url);
  return { k: u.searchParams.get('k')!, sig: u.searchParams.get('sig')! };
};

describe('signed summary links', () => {
  const k1 = key('k1');
  const links = createSummaryLinks({ publicOrigin: 'https://sb.example', keyring: ringOf(k1) });

  it('open exactly the portal and session they were made for', () => {
    const url = links.url(62515, 'call:1');
    expect(url).toMatch(/^https:\/\/sb\.example\/sessions\/62515\/call%3A1\?k=k1&sig=[\w-]{43}$/);
    const { k, sig } = parts(url);
    expect(links.verify(62515, 'call:1', k, sig)).toBe(true);
    expect(links.verify(62516, 'call:1', k, sig)).toBe(false);
    expect(links.verify(62515, 'call:2', k, sig)).toBe(false);
    expect(links.verify(62515, 'call:1', k, `${sig.slice(0, -1)}A`)).toBe(false);
    expect(links.verify(62515, 'call:1', k, 'short')).toBe(false);
  });

  it('keep working after key rotation while the old key stays in the keyring, and stop when it is removed', () => {
    const { k, sig } = parts(links.url(1, 's'));
    const k2 = key('k2');
    const rotated = createSummaryLinks({ publicOrigin: 'https://sb.example', keyring: ringOf(k2, k1) });
    expect(rotated.verify(1, 's', k, sig)).toBe(true);
    expect(parts(rotated.url(1, 's')).k).toBe('k2');
    const retired = createSummaryLinks({ publicOrigin: 'https://sb.example', keyring: ringOf(k2) });
    expect(retired.verify(1, 's', k, sig)).toBe(false);
  });

  it('are not the token-encryption key itself: another service with the same key material but no HKDF cannot forge one', () => {
    const { sig } = parts(links.url(1, 's'));
    const naive = createHmac('sha256', k1.material()).update('1\ns').digest('base64url');
    expect(sig).not.toBe(naive);
  });
});
