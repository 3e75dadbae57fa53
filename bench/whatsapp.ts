/**
 * A WhatsApp campaign at scale: `npx tsx bench/whatsapp.ts [recipients]` (default 10,000).
 * Numbers, not pass/fail. One campaign step (an approved utility template) is ticked by the campaign engine
 * and every send goes through the pacer, sendWhatsAppMessage and the Meta adapter behind the send gate,
 * over HTTP, to the WhatsApp sandbox (autoDeliver off) running in its own process
 * (bench/support/whatsappSandboxProcess.ts), as Meta would. Reported: accepted messages per second against the number's 80/s
 * (goal ≥ 95 %), the busiest rolling second, and throttle answers (130429 throughput, 131056 pair rate;
 * goal 0). Some contacts share a phone (a family or office line), so the pair limit is exercised: the
 * sandbox is set to one message per 6 s per user with no burst, stricter than the partners' figures [U].
 * `GATE=departure npx tsx bench/whatsapp.ts` gates on departure times instead of answer times.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DemoWhatsApp } from '../sandbox/whatsapp/index.ts';
import { createInstallationsRepo } from '../src/connections/installationsRepo.ts';
import { Secret } from '../src/connections/secret.ts';
import { migrate } from '../src/db/migrate.ts';
import { openDatabase } from '../src/db/openDatabase.ts';
import { createStatusUpdates } from '../src/messaging/applyStatusEvent.ts';
import { createCampaignsRepo } from '../src/messaging/campaigns/campaignsRepo.ts';
import { dispatchCampaignSends } from '../src/messaging/campaigns/dispatch.ts';
import { createCampaignEngine } from '../src/messaging/campaigns/engine.ts';
import { createEnrollmentsRepo } from '../src/messaging/campaigns/enrollmentsRepo.ts';
import { DEFAULT_PACER, SendPacer } from '../src/messaging/campaigns/pacer.ts';
import { createContactStateRepo } from '../src/messaging/contactStateRepo.ts';
import { createMessageStore } from '../src/messaging/messageStore.ts';
import { sendWhatsAppMessage } from '../src/messaging/sendMessage.ts';
import { createStatusHistoryRepo } from '../src/messaging/statusHistoryRepo.ts';
import { createTemplatesRepo } from '../src/messaging/templatesRepo.ts';
import { createWhatsAppAccountsRepo } from '../src/messaging/whatsappAccountsRepo.ts';
import type { Properties } from '../src/mapping/templateVariables.ts';
import { createMetaCloudProvider } from '../src/whatsapp/metaCloudProvider.ts';
import { withSendGate } from '../src/whatsapp/pacedProvider.ts';
import { DEFAULT_GATE, SendGate } from '../src/whatsapp/sendGate.ts';

const RECIPIENTS = Number(process.argv[2] ?? 10_000);
const SHARED_LINES = Math.ceil(RECIPIENTS / 200); // one line shared by 4 contacts in every 200
const PORTAL = 101;

interface SandboxReport {
  accepted: { at: number; to: string }[];
  errorCodes: number[];
}
const ROOT = join(import.meta.dirname, '..');
const child = fork(join(ROOT, 'bench/support/whatsappSandboxProcess.ts'), {
  execArgv: ['--import', pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href],
});
const next = <T>(kind: string) =>
  new Promise<T>((resolve) => {
    const on = (m: { kind: string } & T) => {
      if (m.kind !== kind) return;
      child.off('message', on);
      resolve(m);
    };
    child.on('message', on);
  });
const { url, demo } = await next<{ url: string; demo: DemoWhatsApp }>('ready');

const dir = mkdtempSync(join(tmpdir(), 'switchboard-wa-bench-'));
const db = openDatabase(join(dir, 'bench.db'));
migrate(db);
createInstallationsRepo(db).upsert(
  { portalId: PORTAL, authKind: 'oauth', status: 'active', statusReason: null, hubDomain: null },
  new Date(),
);
const store = createMessageStore(db);
const statuses = createStatusUpdates({ db, store, history: createStatusHistoryRepo(db) });
const contacts = createContactStateRepo(db);
const templates = createTemplatesRepo(db);
const accounts = createWhatsAppAccountsRepo(db);
const campaigns = createCampaignsRepo(db);
const enrollments = createEnrollmentsRepo(db);
// [M] No opening windows: the benchmark measures pacing, not business hours.
const account = accounts.save(
  {
    portalId: PORTAL,
    businessAccountId: demo.wabaId,
    numbers: [{ phoneNumberId: demo.phoneNumberId, displayNumber: demo.displayPhoneNumber }],
    settings: { businessHours: { timeZone: 'UTC', windows: [] } },
  },
  Date.now(),
);
const clock = { now: Date.now, sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)) };
const meta = createMetaCloudProvider({
  baseUrl: url,
  version: 'v23.0',
  businessAccountId: demo.wabaId,
  accessToken: new Secret(demo.token),
});
const throughputOf = (id: string) => account.numbers.find((n) => n.phoneNumberId === id)?.throughputPerSecond ?? 80;
// GATE=departure: the gate on departure times + guard instead of answer times (sendGate.ts).
const basis = process.env.GATE === 'departure' ? 'departure' : 'answer';
const provider = withSendGate(meta, new SendGate({ ...DEFAULT_GATE, basis }, throughputOf), clock);
const listed = await meta.listTemplates();
if (!listed.ok) throw new Error(listed.failure.message);
for (const t of listed.templates) templates.saveSynced(PORTAL, t, Date.now());
templates.setMapping(
  PORTAL,
  'order_update',
  'en_US',
  [
    { position: 1, source: { from: 'contact', property: 'firstname' }, fallback: 'there' },
    { position: 2, source: { from: 'contact', property: 'last_order' } },
  ],
  Date.now(),
);

// Contacts: distinct Spanish mobiles, except that in every 200 contacts, 4 share one line.
const people = new Map<string, Properties>();
for (let i = 0; i < RECIPIENTS; i++) {
  const line = i % 200 < 4 ? RECIPIENTS + Math.floor(i / 200) : i;
  people.set(String(i + 1), {
    mobilephone: `+346${String(line).padStart(8, '0')}`,
    firstname: `Contact ${i + 1}`,
    last_order: `#${100_000 + i}`,
  });
}
db.transaction(() => {
  for (const p of people.values())
    contacts.recordConsent({ portalId: PORTAL, phone: p.mobilephone!, now: Date.now() }, 'utility', 'granted', 'bench');
})();
const crm = {
  readContacts: async (_portal: number, ids: string[]) =>
    new Map(ids.flatMap((id) => (people.has(id) ? [[id, people.get(id)!] as const] : []))),
};

const campaign = campaigns.create(
  PORTAL,
  'bench',
  { purpose: 'utility', steps: [{ id: 'notify', type: 'send_template', template: 'order_update' }] },
  Date.now(),
);
const engine = createCampaignEngine({ campaigns, enrollments, accounts, contacts, store, crm });
db.transaction(() => {
  for (const id of people.keys()) engine.enroll(campaign.id, id, Date.now());
})();

const tickStarted = performance.now();
const tick = await engine.tick(Date.now(), RECIPIENTS);
const tickMs = performance.now() - tickStarted;
console.log(
  `${RECIPIENTS} recipients (${SHARED_LINES} phones shared by 4 contacts); tick produced ${tick.actions.length} sends in ${tickMs.toFixed(0)} ms`,
);
console.log(
  `pacer: ${DEFAULT_PACER.throughputPerSecond} msg/s per number, guard ${DEFAULT_PACER.guardMs} ms/s, pair interval ${DEFAULT_PACER.pairIntervalMs} ms [U]; send gate on ${basis} times`,
);

const sendDeps = { provider, account, templates, contacts, store, statuses, now: Date.now };
const started = performance.now();
const report = await dispatchCampaignSends(tick.actions, {
  pacer: new SendPacer(DEFAULT_PACER, throughputOf),
  clock,
  numberFor: () => demo.phoneNumberId,
  send: (action, from, attempt) =>
    sendWhatsAppMessage(sendDeps, {
      contactId: action.contactId,
      contact: people.get(action.contactId)!,
      content: { kind: 'template', name: action.template },
      idempotencyKey: action.idempotencyKey,
      from,
      attempt,
      campaign: { campaignId: action.campaignId, enrollmentId: action.enrollmentId },
    }),
});
const wallSeconds = (performance.now() - started) / 1_000;

child.send({ kind: 'report' });
const sandboxReport = await next<SandboxReport>('report');
child.send({ kind: 'close' });
const accepted = sandboxReport.accepted.map((m) => m.at).sort((a, b) => a - b);
const errors = (code: number) => sandboxReport.errorCodes.filter((c) => c === code).length;
const span = ((accepted.at(-1) ?? 0) - (accepted[0] ?? 0)) / 1_000;
const rate = span > 0 ? (accepted.length - 1) / span : 0;
let busiest = 0;
for (let i = 0, j = 0; j < accepted.length; j++) {
  while (accepted[j]! - accepted[i]! >= 1_000) i++;
  busiest = Math.max(busiest, j - i + 1);
}
// The last shared line's messages wait out the pair interval after everything else; the steady rate is
// measured over the messages to distinct phones.
const sharedPhones = new Set(
  [...people.values()].map((p) => p.mobilephone).filter((phone, i, all) => all.indexOf(phone) !== i),
);
const distinct = sandboxReport.accepted
  .filter((m) => !sharedPhones.has(m.to))
  .map((m) => m.at)
  .sort((a, b) => a - b);
const bulkRate = (distinct.length - 1) / (((distinct.at(-1) ?? 0) - (distinct[0] ?? 0)) / 1_000);

console.log(
  `sent ${report.sent}, refused ${report.refused}, failed ${report.failed} ${JSON.stringify(report.failures)}, duplicates ${report.duplicates} in ${wallSeconds.toFixed(1)} s`,
);
console.log(`accepted by the sandbox: ${accepted.length} over ${span.toFixed(1)} s → ${rate.toFixed(1)} msg/s overall`);
console.log(
  `steady rate (${distinct.length} messages to distinct phones): ${bulkRate.toFixed(1)} msg/s = ${((100 * bulkRate) / 80).toFixed(1)} % of the configured 80/s (goal ≥ 95 %)`,
);
console.log(`busiest rolling second: ${busiest} messages (limit 80)`);
console.log(
  `throttle answers: 130429 × ${errors(130429)}, 131056 × ${errors(131056)} (goal 0); retried by the dispatcher: ${report.throttled.number + report.throttled.recipient}`,
);

db.close();
rmSync(dir, { recursive: true, force: true });
if (report.sent !== RECIPIENTS) process.exitCode = 1;
