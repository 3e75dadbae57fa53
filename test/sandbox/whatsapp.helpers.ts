import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import {
  addPhoneNumber,
  addTemplate,
  createWaba,
  createWhatsAppSandbox,
  issueToken,
  setWebhook,
  type WhatsAppSandbox,
  type WhatsAppSandboxOptions,
} from '../../sandbox/whatsapp/index.ts';

/** Meta's examples and our constructed fixtures (shared/whatsapp-openapi/examples). */
export const EXAMPLES_DIR = path.resolve(import.meta.dirname, '../../../shared/whatsapp-openapi/examples');
export const fixtureText = (name: string): string => readFileSync(path.join(EXAMPLES_DIR, name), 'utf8');
export const fixture = <T = Record<string, unknown>>(name: string): T => JSON.parse(fixtureText(name)) as T;

/** The ids used by Meta's examples and our fixtures, so sandbox output can be compared to them verbatim. */
export const IDS = { waba: '102290129340398', phone: '106540352242922', display: '15550783881' } as const;
export const APP_SECRET = 'test_app_secret';
export const VERIFY_TOKEN = 'verify-me';

export interface Received {
  headers: http.IncomingHttpHeaders;
  raw: Buffer;
  json: WebhookBody;
}

export type WebhookBody = {
  object: string;
  entry: {
    id: string;
    changes: {
      field: string;
      value: Record<string, unknown> & { statuses?: StatusItem[]; messages?: Record<string, unknown>[] };
    }[];
  }[];
};
export type StatusItem = {
  id: string;
  status: string;
  timestamp: string;
  recipient_id: string;
  errors?: { code: number }[];
  pricing?: unknown;
};

/**
 * A stand-in for the service's webhook endpoint: collects POSTs (raw bytes kept for signature checks),
 * answers the GET handshake like a correct service, and replies with scripted statuses.
 */
export async function startReceiver(
  opts: { reply?: (n: number) => number; verifyToken?: string; echo?: (challenge: string) => string } = {},
) {
  const received: Received[] = [];
  let posts = 0;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method === 'GET') {
      const ok =
        url.searchParams.get('hub.mode') === 'subscribe' &&
        url.searchParams.get('hub.verify_token') === (opts.verifyToken ?? VERIFY_TOKEN);
      const challenge = url.searchParams.get('hub.challenge') ?? '';
      res.writeHead(ok ? 200 : 403).end(ok ? (opts.echo ?? String)(challenge) : 'forbidden');
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      received.push({ headers: req.headers, raw, json: JSON.parse(raw.toString('utf8')) as WebhookBody });
      posts += 1;
      res.writeHead(opts.reply ? opts.reply(posts) : 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/whatsapp`;
  return {
    url,
    received,
    statuses: () => received.flatMap((r) => r.json.entry[0]!.changes[0]!.value.statuses ?? []),
    messages: () => received.flatMap((r) => r.json.entry[0]!.changes[0]!.value.messages ?? []),
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
export type Receiver = Awaited<ReturnType<typeof startReceiver>>;

/** Our own X-Hub-Signature-256 check (independent of the sandbox's signer). */
export function signatureMatches(secret: string, raw: Buffer, header: string | string[] | undefined): boolean {
  if (typeof header !== 'string' || !header.startsWith('sha256=')) return false;
  const expected = createHmac('sha256', secret).update(raw).digest();
  const given = Buffer.from(header.slice('sha256='.length), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Either the success payload or a Graph error, as the send endpoint answers. */
export interface GraphReply {
  messaging_product?: string;
  contacts?: { input: string; wa_id: string }[];
  messages?: { id: string }[];
  success?: boolean;
  error?: {
    message: string;
    type: string;
    code: number;
    error_subcode?: number;
    error_data?: { messaging_product: string; details: string };
    fbtrace_id: string;
  };
}

export interface World {
  sandbox: WhatsAppSandbox;
  base: string;
  token: string;
  receiver: Receiver;
  send(
    body: unknown,
    opts?: { token?: string | null; phoneId?: string },
  ): Promise<{ status: number; body: GraphReply }>;
  close(): Promise<void>;
}

/**
 * A listening sandbox with the fixtures' WABA/number, a token, the three demo-like templates and the
 * receiver as webhook URL. Webhooks are posted only on flush() unless autoDeliver is passed.
 */
export async function startWorld(
  options: Partial<WhatsAppSandboxOptions> & { wabaId?: string; receiverReply?: (n: number) => number } = {},
): Promise<World> {
  const { wabaId = IDS.waba, receiverReply, ...sandboxOptions } = options;
  const sandbox = createWhatsAppSandbox({
    autoDeliver: false,
    appSecret: APP_SECRET,
    idSeed: 'c0ffee01',
    ...sandboxOptions,
  });
  const { state } = sandbox;
  createWaba(state, { id: wabaId });
  addPhoneNumber(state, wabaId, { id: IDS.phone, displayPhoneNumber: IDS.display });
  const token = issueToken(state, wabaId);
  addTemplate(state, wabaId, {
    name: 'order_update',
    language: 'en_US',
    category: 'UTILITY',
    body: 'Hi {{1}}, order {{2}} was updated.',
  });
  addTemplate(state, wabaId, { name: 'welcome', language: 'en_US', category: 'MARKETING', body: 'Welcome to {{1}}!' });
  addTemplate(state, wabaId, {
    name: 'payment_reminder',
    language: 'en_US',
    category: 'UTILITY',
    body: 'Hi {{1}}, {{2}} is due on {{3}}.',
  });
  const receiver = await startReceiver(receiverReply ? { reply: receiverReply } : {});
  setWebhook(state, { url: receiver.url, verifyToken: VERIFY_TOKEN });
  const server = await sandbox.listen();
  return {
    sandbox,
    base: server.url,
    token,
    receiver,
    async send(body, opts = {}) {
      const auth: Record<string, string> =
        opts.token === null ? {} : { authorization: `Bearer ${opts.token ?? token}` };
      const res = await fetch(`${server.url}/v23.0/${opts.phoneId ?? IDS.phone}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...auth },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as GraphReply };
    },
    async close() {
      sandbox.close();
      await server.close();
      await receiver.close();
    },
  };
}

export const templateBody = (to: string, name: string, params: string[], language = 'en_US') => ({
  messaging_product: 'whatsapp',
  recipient_type: 'individual',
  to,
  type: 'template',
  template: {
    name,
    language: { code: language },
    components: [{ type: 'body', parameters: params.map((text) => ({ type: 'text', text })) }],
  },
});

export const textBody = (to: string, body: string) => ({
  messaging_product: 'whatsapp',
  to,
  type: 'text',
  text: { body },
});
