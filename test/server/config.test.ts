import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';

describe('configuration', () => {
  it('with no environment at all, starts on embedded defaults (SQLite under ./data)', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      env: 'development',
      host: '127.0.0.1',
      port: 3000,
      publicOrigin: 'http://localhost:3000',
      databasePath: './data/switchboard.db',
      bodyLimit: '1mb',
      hubspot: { apiBaseUrl: 'https://api.hubapi.com', appBaseUrl: 'https://app.hubspot.com' },
    });
    expect(config.hubspot.clientSecret).toBeUndefined();
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', LOG_LEVEL: '' }).port).toBe(3000);
  });

  it('reduces PUBLIC_ORIGIN to its origin, so signatures are built the same way every time', () => {
    expect(loadConfig({ PUBLIC_ORIGIN: 'https://api.acme.com/some/path/' }).publicOrigin).toBe('https://api.acme.com');
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PUBLIC_ORIGIN', 'not a url'],
    ['PUBLIC_ORIGIN', 'ftp://files.acme.com'],
    ['LOG_LEVEL', 'loud'],
    ['NODE_ENV', 'staging'],
    ['BODY_LIMIT', 'lots'],
    ['HUBSPOT_API_BASE_URL', 'nowhere'],
  ])('rejects %s=%s with a message naming the variable', (variable, value) => {
    let error: unknown;
    try {
      loadConfig({ [variable]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((p) => p.variable)).toEqual([variable]);
    expect((error as Error).message).toContain(`${variable}:`);
  });

  it('names every bad variable at once', () => {
    expect(() => loadConfig({ PORT: '-1', LOG_LEVEL: 'x' })).toThrow(/PORT:[\s\S]*LOG_LEVEL:|LOG_LEVEL:[\s\S]*PORT:/);
  });
});
