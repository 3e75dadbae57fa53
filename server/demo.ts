import { rmSync } from 'node:fs';
import { freePort } from '../sandbox/listen.ts';
import { startSandboxes } from '../sandbox/startSandboxes.ts';
import { loadConfig } from '../src/config.ts';
import { connectionStatusScenario } from './demo/connectionStatus.ts';
import { closedWonOrderScenario } from './demo/closedWonOrder.ts';
import { conversationSessionScenario } from './demo/conversationSession.ts';
import type { DemoContext, DemoScenario } from './demo/context.ts';
import { installAppScenario } from './demo/installApp.ts';
import { whatsappMessageScenario } from './demo/whatsappMessage.ts';
import { startService } from './main.ts';

/**
 * `npm run demo`: the real service on an embedded SQLite file, against the seeded local sandboxes, driven by
 * requests sent exactly as HubSpot sends them. Each scenario prints what happened and where to look.
 * `--once` (used by the tests) exits after the scenarios instead of staying up for a look around.
 */
const SCENARIOS: DemoScenario[] = [
  installAppScenario,
  connectionStatusScenario,
  closedWonOrderScenario,
  conversationSessionScenario,
  whatsappMessageScenario,
];
const DEMO_DIR = './data/demo';

const once = process.argv.includes('--once');
const say = (line = '') => process.stdout.write(`${line}\n`);

rmSync(DEMO_DIR, { recursive: true, force: true }); // every demo run starts from the same seeded world
const servicePort = Number(process.env.DEMO_PORT ?? (once ? await freePort() : 3000));
// The demo app's OAuth client must redirect to this service's callback (app-hsmeta.json redirectUrls in production).
const sandboxes = await startSandboxes({ redirectUrls: [`http://127.0.0.1:${servicePort}/oauth/callback`] });
const client = sandboxes.demoPortal!.client;
const config = loadConfig({
  PORT: String(servicePort),
  PUBLIC_ORIGIN: `http://127.0.0.1:${servicePort}`,
  DATABASE_PATH: `${DEMO_DIR}/switchboard.db`,
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'error', // LOG_LEVEL=info shows every request
  HUBSPOT_CLIENT_ID: client.clientId,
  HUBSPOT_CLIENT_SECRET: client.clientSecret,
  HUBSPOT_API_BASE_URL: sandboxes.hubspot.url,
  HUBSPOT_APP_BASE_URL: sandboxes.hubspot.url,
  WHATSAPP_GRAPH_BASE_URL: sandboxes.whatsapp.url,
});
const service = await startService(config);

const ctx: DemoContext = {
  sandboxes,
  service: { url: service.url, config },
  portalId: sandboxes.demoPortal!.portal.id,
  say,
};
say('Switchboard demo');
say(`  service         ${service.url}   (GET /healthz, /readyz; SQLite file ${config.databasePath})`);
say(
  `  HubSpot sandbox ${sandboxes.hubspot.url}   (records: /_sandbox/portals/${ctx.portalId}/objects/contacts, calls: /_sandbox/calls)`,
);
say(`  WhatsApp sandbox ${sandboxes.whatsapp.url}   (sent messages: /_sandbox/messages)`);

let failed = false;
for (const [i, scenario] of SCENARIOS.entries()) {
  say();
  say(`${i + 1}. ${scenario.title}`);
  try {
    await scenario.run(ctx);
  } catch (err) {
    failed = true;
    say(`  FAILED: ${(err as Error).message}`);
    process.exitCode = 1;
  }
}

async function shutdown(code: number) {
  await service.stop();
  await sandboxes.close();
  process.exit(code);
}
say();
if (once) {
  await shutdown(failed ? 1 : 0);
} else {
  say('Everything is still running for a look around. Ctrl-C stops it.');
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void shutdown(failed ? 1 : 0));
}
