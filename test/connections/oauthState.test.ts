import { describe, expect, it } from 'vitest';
import { createOAuthStates, STATE_TTL_MS } from '../../src/connections/oauthState.ts';
import { createOAuthStatesRepo } from '../../src/connections/oauthStatesRepo.ts';
import { migrate } from '../../src/db/migrate.ts';
import { openDatabase } from '../../src/db/openDatabase.ts';

function states(secret = 'client-secret-1') {
  const db = openDatabase(':memory:');
  migrate(db);
  let now = Date.parse('2026-03-01T12:00:00Z');
  const repo = createOAuthStatesRepo(db);
  return {
    db,
    states: createOAuthStates({ clientSecret: secret, repo, now: () => now }),
    other: createOAuthStates({ clientSecret: 'another-secret', repo, now: () => now }),
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('the OAuth state parameter', () => {
  it('a state we issued is accepted once, then refused as reused', () => {
    const { states: s } = states();
    const state = s.issue();
    expect(s.consume(state)).toEqual({ ok: true });
    expect(s.consume(state)).toEqual({ ok: false, reason: 'reused' });
  });

  it('a state signed with another secret, or with its expiry edited, is forged', () => {
    const { states: s, other } = states();
    expect(s.consume(other.issue())).toEqual({ ok: false, reason: 'forged' });
    const [nonce, exp, mac] = s.issue().split('.') as [string, string, string];
    const later = (parseInt(exp, 36) + 3_600_000).toString(36);
    expect(s.consume(`${nonce}.${later}.${mac}`)).toEqual({ ok: false, reason: 'forged' });
  });

  it('a state is refused after 10 minutes, and its nonce cannot be revived', () => {
    const { states: s, advance } = states();
    const state = s.issue();
    advance(STATE_TTL_MS);
    expect(s.consume(state)).toEqual({ ok: false, reason: 'expired' });
  });

  it.each([undefined, '', 'abc', 'a.b', 'a.b.c.d', 'a b.c.d'])('%j is malformed', (value) => {
    expect(states().states.consume(value)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('a correctly signed state whose nonce was never stored (another database) is refused', () => {
    const first = states('shared');
    const second = states('shared');
    expect(second.states.consume(first.states.issue())).toEqual({ ok: false, reason: 'reused' });
  });

  it('old nonces are pruned when new states are issued', () => {
    const { db, states: s, advance } = states();
    s.issue();
    advance(25 * 60 * 60_000);
    s.issue();
    expect(db.prepare('SELECT COUNT(*) AS n FROM oauth_states').get()).toEqual({ n: 1 });
  });
});
