import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { buildTestApp, captureLogs } from '../support/testApp.ts';

describe('the HTTP shell', () => {
  it('answers /healthz while the process runs', async () => {
    const res = await request(buildTestApp().app).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('answers /readyz 503 with the reason when not ready', async () => {
    const { app } = buildTestApp({ health: { isReady: () => ({ ready: false, reason: 'shutting down' }) } });
    const res = await request(app).get('/readyz');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ status: 'not_ready', reason: 'shutting down' });
  });

  it('answers unknown routes with a JSON 404 in the error envelope', async () => {
    const res = await request(buildTestApp().app).post('/no/such/thing').send({ a: 1 });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 'not_found', message: 'No route for POST /no/such/thing' } });
  });

  it('refuses a body over the limit with 413 before any handler runs', async () => {
    const res = await request(buildTestApp().app)
      .post('/anything')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ blob: 'x'.repeat(200_000) }));
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
  });

  it('refuses malformed JSON with 400 naming the problem', async () => {
    const res = await request(buildTestApp().app)
      .post('/anything')
      .set('content-type', 'application/json')
      .send('{"a":');
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({ code: 'validation', message: 'Request body is not valid JSON' });
  });

  it('logs one line per request without headers, query strings or bodies', async () => {
    const { app, logs } = buildTestApp();
    await request(app).get('/healthz?email=someone@example.com').set('Authorization', 'Bearer pat-na1-secret-token');
    const line = JSON.parse(logs.lines.at(-1)!);
    expect(line).toMatchObject({ method: 'GET', path: '/healthz', status: 200, msg: 'request' });
    expect(logs.lines.join('')).not.toContain('pat-na1-secret-token');
    expect(logs.lines.join('')).not.toContain('someone@example.com');
  });
});

describe('log redaction', () => {
  it('blanks tokens, secrets and authorization headers wherever they are logged', () => {
    const { logger, lines } = captureLogs();
    logger.info(
      {
        req: { headers: { authorization: 'Bearer abc123' } },
        installation: { accessToken: 'tok-1', refreshToken: 'ref-1', portalId: 7 },
        clientSecret: 'shh',
      },
      'installed',
    );
    const text = lines.join('');
    expect(text).not.toMatch(/abc123|tok-1|ref-1|shh/);
    expect(text).toContain('"portalId":7');
    expect(text).toContain('[redacted]');
  });
});
