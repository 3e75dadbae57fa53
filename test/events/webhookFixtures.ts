import type { WebhookEvent } from '../../sandbox/hubspot/caller/index.ts';
import { signV1, v3Headers } from '../../sandbox/hubspot/caller/index.ts';
import { TEST_SECRET } from '../support/testApp.ts';
import { PORTAL } from './eventWorld.ts';

let nextEventId = 3_816_279_000;
const T0 = 1_764_000_000_000;

/** Factory with overrides: a valid deal.propertyChange (dealstage) for the test portal, fields as in §12.1. */
export function webhookEvent(overrides: Partial<WebhookEvent> = {}): WebhookEvent {
  nextEventId += 1;
  return {
    eventId: nextEventId,
    subscriptionId: 25,
    portalId: PORTAL,
    appId: 54321,
    occurredAt: T0,
    subscriptionType: 'deal.propertyChange',
    objectId: 9001,
    propertyName: 'dealstage',
    propertyValue: 'appointmentscheduled',
    changeSource: 'CRM_UI',
    ...overrides,
  };
}

/** A creation followed by `changes` changes of `property`, 1 s apart from `start`. */
export function objectHistory(o: {
  type: 'deal' | 'contact';
  objectId: number;
  changes: number;
  property: string;
  start: number;
}): WebhookEvent[] {
  const creation = webhookEvent({
    subscriptionType: `${o.type}.creation`,
    subscriptionId: o.type === 'deal' ? 20 : 22,
    objectId: o.objectId,
    occurredAt: o.start,
    changeFlag: 'NEW',
    propertyName: undefined,
    propertyValue: undefined,
  });
  const changes = Array.from({ length: o.changes }, (_, i) =>
    webhookEvent({
      subscriptionType: `${o.type}.propertyChange`,
      subscriptionId: o.type === 'deal' ? 25 : 26,
      objectId: o.objectId,
      occurredAt: o.start + (i + 1) * 1_000,
      propertyName: o.property,
      propertyValue: `value-${i}`,
    }),
  );
  return [creation, ...changes];
}

/** Deterministic [0, 1) numbers (mulberry32), so a shuffled scenario fails the same way twice. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** POSTs an exact body to the webhook URL with HubSpot's v1 + v3 headers (or the given ones). */
export async function postSigned(
  url: string,
  body: string,
  o: { secret?: string; timestamp?: number; headers?: Record<string, string> } = {},
) {
  const secret = o.secret ?? TEST_SECRET;
  const headers = {
    'Content-Type': 'application/json',
    'X-HubSpot-Signature': signV1(secret, body),
    'X-HubSpot-Signature-Version': 'v1',
    ...v3Headers(secret, 'POST', url, body, o.timestamp ?? Date.now()),
    ...o.headers,
  };
  const res = await fetch(url, { method: 'POST', headers, body });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
