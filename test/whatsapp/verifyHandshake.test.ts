import { describe, expect, it } from 'vitest';
import { Secret } from '../../src/connections/secret.ts';
import { answerVerifyHandshake } from '../../src/whatsapp/verifyHandshake.ts';
import { verifyWebhookEndpoint } from '../../sandbox/whatsapp/index.ts';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const TOKEN = new Secret('verify-me-please');
const query = (over: Record<string, unknown> = {}) => ({
  'hub.mode': 'subscribe',
  'hub.verify_token': 'verify-me-please',
  'hub.challenge': '1158201444',
  ...over,
});

describe('GET verification handshake', () => {
  it('the right mode and token: 200 with the raw challenge as body', () => {
    expect(answerVerifyHandshake(query(), TOKEN)).toEqual({ status: 200, body: '1158201444' });
  });

  it.each<[string, Record<string, unknown>, Secret | undefined]>([
    ['a wrong token', { 'hub.verify_token': 'guess' }, TOKEN],
    ['a token that is a prefix of ours', { 'hub.verify_token': 'verify-me' }, TOKEN],
    ['a mode other than subscribe', { 'hub.mode': 'unsubscribe' }, TOKEN],
    ['no challenge', { 'hub.challenge': undefined }, TOKEN],
    ['an empty challenge', { 'hub.challenge': '' }, TOKEN],
    ['a token sent twice (array from the query parser)', { 'hub.verify_token': ['verify-me-please', 'x'] }, TOKEN],
    ['a huge challenge', { 'hub.challenge': 'x'.repeat(300) }, TOKEN],
    ['a portal without a verify token', {}, undefined],
  ])('%s: 403', (_case, over, token) => {
    const answer = answerVerifyHandshake(query(over), token);
    expect(answer.status).toBe(403);
    expect(answer.body).not.toContain('verify-me-please');
  });

  it("Meta's handshake, as the sandbox performs it, passes against a server answering with this function", async () => {
    const server = http.createServer((req, res) => {
      const params = Object.fromEntries(new URL(req.url ?? '/', 'http://x').searchParams);
      const answer = answerVerifyHandshake(params, TOKEN);
      res.writeHead(answer.status, { 'content-type': 'text/plain' }).end(answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/whatsapp/101`;
    try {
      expect(await verifyWebhookEndpoint({ url, verifyToken: 'verify-me-please' })).toMatchObject({ ok: true });
      expect(await verifyWebhookEndpoint({ url, verifyToken: 'wrong' })).toMatchObject({ ok: false });
    } finally {
      server.close();
    }
  });
});
