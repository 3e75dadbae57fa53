/**
 * The WhatsApp sandbox in its own process for bench/whatsapp.ts, as Meta is a separate service: its CPU and
 * pauses are not the sender's. createWhatsAppSandbox + seedDemoWhatsApp (autoDeliver off), pair rate one
 * message per 6 s with no burst (stricter than the partners' figures [U]). Talks to the parent over IPC:
 * sends `{ready, url, demo}`, answers `report` with what the sandbox accepted and refused, exits on `close`.
 */
import { createWhatsAppSandbox, seedDemoWhatsApp } from '../../sandbox/whatsapp/index.ts';

const sandbox = createWhatsAppSandbox({
  autoDeliver: false,
  pairRate: { burst: 1, refillMs: 6_000 },
  idSeed: 'bench001',
});
const demo = seedDemoWhatsApp(sandbox.state);
const server = await sandbox.listen();

process.on('message', (message: { kind: string }) => {
  if (message.kind === 'report') {
    process.send?.({
      kind: 'report',
      accepted: sandbox.state.sent.map((m) => ({ at: m.acceptedAt, to: m.to })),
      errorCodes: sandbox.state.callLog.flatMap((c) => (c.errorCode === undefined ? [] : [c.errorCode])),
    });
  }
  if (message.kind === 'close') {
    sandbox.close();
    void server.close().then(() => process.exit(0));
  }
});
process.send?.({ kind: 'ready', url: server.url, demo });
