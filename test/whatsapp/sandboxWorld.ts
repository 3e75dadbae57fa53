import { checkMetaSignature } from '../../server/middleware/metaSignature.ts';
import {
  createWhatsAppSandbox,
  type DemoWhatsApp,
  seedDemoWhatsApp,
  setWebhook,
  type WhatsAppSandbox,
  type WhatsAppSandboxOptions,
} from '../../sandbox/whatsapp/index.ts';
import type { ParsedWebhook, WhatsAppProvider } from '../../src/whatsapp/provider.ts';
import { metaProvider } from '../messaging/messagingFixtures.ts';
import { type Receiver, startReceiver } from '../sandbox/whatsapp.helpers.ts';

export const APP_SECRET = 'switchboard_test_app_secret';

export interface SandboxWorld {
  sandbox: WhatsAppSandbox;
  demo: DemoWhatsApp;
  receiver: Receiver;
  url: string;
  provider: WhatsAppProvider;
  /** Posts every pending webhook to the receiver and returns them verified (X-Hub-Signature-256) and parsed. */
  webhooks(): Promise<ParsedWebhook[]>;
  close(): Promise<void>;
}

/**
 * The WhatsApp sandbox over real HTTP, seeded with the demo business, posting its webhooks to a receiver
 * that keeps the raw bytes. Webhooks go out only on `webhooks()` (autoDeliver off).
 */
export async function startSandboxWorld(options: Partial<WhatsAppSandboxOptions> = {}): Promise<SandboxWorld> {
  const sandbox = createWhatsAppSandbox({ autoDeliver: false, appSecret: APP_SECRET, idSeed: 'feed0001', ...options });
  const demo = seedDemoWhatsApp(sandbox.state);
  const receiver = await startReceiver();
  setWebhook(sandbox.state, { url: receiver.url });
  const server = await sandbox.listen();
  let seen = 0;
  const provider = metaProvider(server.url);
  return {
    sandbox,
    demo,
    receiver,
    url: server.url,
    provider,
    async webhooks() {
      await sandbox.flush();
      const fresh = receiver.received.slice(seen);
      seen = receiver.received.length;
      return fresh.map((r) => {
        const check = checkMetaSignature(r.raw, r.headers['x-hub-signature-256'] as string | undefined, APP_SECRET);
        if (!check.ok) throw new Error(`webhook signature: ${check.reason}`);
        const parsed = provider.parseWebhook(r.raw);
        if (!parsed.ok) throw new Error(parsed.reason);
        return parsed.webhook;
      });
    },
    async close() {
      sandbox.close();
      await server.close();
      await receiver.close();
    },
  };
}
