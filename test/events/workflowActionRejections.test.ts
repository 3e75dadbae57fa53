import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signV2, v3Headers, workflowActionBody } from '../../sandbox/hubspot/caller/index.ts';
import { TEST_SECRET } from '../support/testApp.ts';
import { type EventWorld, PORTAL, startEventWorld } from './eventWorld.ts';

let world: EventWorld;
let before: ReturnType<EventWorld['counts']>;
let runs = 0;

beforeAll(async () => {
  world = await startEventWorld();
  world.spine.workflowActions.registerAction('test-action', {
    start: () => {
      runs += 1;
      return { state: 'SUCCESS' };
    },
  });
});
afterAll(() => world.close());
beforeEach(() => {
  before = world.counts();
  runs = 0;
});

const body = (patch: Record<string, unknown> = {}) =>
  JSON.stringify({
    ...workflowActionBody({
      actionUrl: '',
      clientSecret: '',
      callbackId: `ap-${Math.random()}`,
      portalId: PORTAL,
      object: { objectId: 614, objectType: 'CONTACT' },
      inputFields: { phone: '+491701234567' },
    }),
    ...patch,
  });

/** POSTs with a v2 signature (by `v2Secret`) and, unless null, a v3 one (by `v3Secret`). */
async function post(path: string, raw: string, o: { v2Secret?: string; v3Secret?: string | null } = {}) {
  const url = `${world.origin}${path}`;
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'X-HubSpot-Signature': signV2(o.v2Secret ?? TEST_SECRET, 'POST', url, raw),
    'X-HubSpot-Signature-Version': 'v2',
  };
  if (o.v3Secret !== null) Object.assign(headers, v3Headers(o.v3Secret ?? TEST_SECRET, 'POST', url, raw, Date.now()));
  const res = await fetch(url, { method: 'POST', headers, body: raw });
  return { status: res.status, body: (await res.json()) as { error?: { message: string } } };
}

describe('POST /actions/:action refuses what HubSpot did not send, and runs and stores nothing', () => {
  it('accepts v2 alone and v2 + v3 (the control cases)', async () => {
    expect((await post('/actions/test-action', body(), { v3Secret: null })).status).toBe(200);
    expect((await post('/actions/test-action', body())).status).toBe(200);
    expect(runs).toBe(2);
  });

  it.each([
    ['a v2 signature made with another secret', { v2Secret: 'nope', v3Secret: null }],
    ['a wrong v3 signature beside a valid v2 (v3 is checked whenever present)', { v3Secret: 'nope' }],
  ])('401 for %s', async (_name, opts) => {
    const res = await post('/actions/test-action', body(), opts);
    expect(res.status).toBe(401);
    expect(runs).toBe(0);
    expect(world.counts()).toEqual(before);
  });

  it.each([
    ['no callbackId', body({ callbackId: undefined }), /body\.callbackId/],
    ['origin.portalId as text', body({ origin: { portalId: '62515' } }), /body\.origin\.portalId/],
    ['no object', body({ object: undefined }), /body\.object/],
    ['malformed JSON', '{"callbackId":', /not valid JSON/],
  ])('400 for %s, naming the field', async (_name, raw, message) => {
    const res = await post('/actions/test-action', raw);
    expect(res.status).toBe(400);
    expect(res.body.error?.message).toMatch(message);
    expect(runs).toBe(0);
    expect(world.counts()).toEqual(before);
  });

  it('404 for an action nobody registered', async () => {
    const res = await post('/actions/send-fax', body());
    expect(res.status).toBe(404);
    expect(world.counts()).toEqual(before);
  });
});
