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

  it('runs the worker unless RUN_WORKER=false; points WhatsApp at the Graph API unless told otherwise', () => {
    expect(loadConfig({}).runWorker).toBe(true);
    expect(loadConfig({ RUN_WORKER: 'false' }).runWorker).toBe(false);
    expect(loadConfig({}).whatsapp).toEqual({ graphBaseUrl: 'https://graph.facebook.com', graphVersion: 'v23.0' });
    expect(loadConfig({ WHATSAPP_GRAPH_BASE_URL: 'http://127.0.0.1:4010/' }).whatsapp.graphBaseUrl).toBe(
      'http://127.0.0.1:4010',
    );
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
    ['ADMIN_TOKEN', 'short'],
    ['TOKEN_ENCRYPTION_KEYS', 'k1:not-32-bytes'],
    ['RUN_WORKER', 'maybe'],
    ['WHATSAPP_GRAPH_VERSION', '23'],
    ['WHATSAPP_GRAPH_BASE_URL', 'graph'],
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

  it('keeps ADMIN_TOKEN and TOKEN_ENCRYPTION_KEYS out of anything printed, and never echoes them in errors', () => {
    const keys = `k1:${Buffer.alloc(32, 7).toString('base64')}`;
    const config = loadConfig({ ADMIN_TOKEN: 'a'.repeat(40), TOKEN_ENCRYPTION_KEYS: keys });
    expect(config.adminToken?.reveal()).toBe('a'.repeat(40));
    expect(JSON.stringify(config)).not.toContain('a'.repeat(40));
    expect(JSON.stringify(config)).not.toContain(keys);
    expect(() => loadConfig({ ADMIN_TOKEN: 'tooshort-secret' })).toThrow(/ADMIN_TOKEN: must be at least 32/);
    expect(() => loadConfig({ ADMIN_TOKEN: 'tooshort-secret' })).not.toThrow(/tooshort-secret/);
  });
});
