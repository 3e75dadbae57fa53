import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { migrate } from '../../src/db/migrate.ts';
import { openDatabase } from '../../src/db/openDatabase.ts';
import { createApp } from '../../server/app.ts';
import { composeConnections } from '../../server/composeConnections.ts';
import { captureLogs } from '../support/testApp.ts';

/** The service as `npm start` builds it with no HubSpot app credentials and no ADMIN_TOKEN. */
function unconfiguredApp() {
  const config = loadConfig({ DATABASE_PATH: ':memory:' });
  const db = openDatabase(':memory:');
  migrate(db);
  const { logger } = captureLogs();
  const services = composeConnections({ config, db, logger });
  const app = createApp({
    config,
    logger,
    now: Date.now,
    installations: services.installations,
    connections: services.routes,
    health: { isReady: () => ({ ready: true }) },
  });
  return { app, db };
}

describe('a service without HubSpot app credentials', () => {
  it('answers the install link with a page saying installation is not available yet', async () => {
    const { app } = unconfiguredApp();
    for (const path of ['/oauth/install', '/oauth/callback?code=x&state=y']) {
      const res = await request(app).get(path);
      expect(res.status).toBe(503);
      expect(res.type).toBe('text/html');
      expect(res.text).toContain('HUBSPOT_CLIENT_ID and HUBSPOT_CLIENT_SECRET');
      expect(res.headers['cache-control']).toBe('no-store');
    }
  });

  it('refuses every admin request, bearer or not, with 401', async () => {
    const { app, db } = unconfiguredApp();
    const res = await request(app).post('/admin/portals/1/api-keys').set('authorization', 'Bearer anything-at-all');
    expect(res.status).toBe(401);
    expect((await request(app).get('/admin/connections')).status).toBe(401);
    expect(db.prepare('SELECT COUNT(*) AS n FROM portal_api_keys').get()).toEqual({ n: 0 });
  });
});
