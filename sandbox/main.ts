import { startSandboxes } from './startSandboxes.ts';

/**
 * `npm run sandbox`: both simulators, seeded, on fixed ports so other tools can point at them.
 * SANDBOX_HUBSPOT_PORT (4010), SANDBOX_WHATSAPP_PORT (4020), SANDBOX_STATE_FILE (optional: load/save state).
 */
const port = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 0 || value > 65_535) {
    process.stderr.write(`${name} must be a port number, got ${process.env[name]}\n`);
    process.exit(1);
  }
  return value;
};

const sandboxes = await startSandboxes({
  hubspotPort: port('SANDBOX_HUBSPOT_PORT', 4010),
  whatsappPort: port('SANDBOX_WHATSAPP_PORT', 4020),
  stateFile: process.env.SANDBOX_STATE_FILE || undefined,
  redirectUrls: ['http://localhost:3000/oauth/callback'],
});

const { hubspot, whatsapp, demoPortal, demoWhatsApp } = sandboxes;
const lines = [
  'Switchboard sandbox is running.',
  '',
  `HubSpot API + OAuth   ${hubspot.url}      (use as HUBSPOT_API_BASE_URL and HUBSPOT_APP_BASE_URL)`,
  `  consent page        ${hubspot.url}/oauth/authorize?client_id=…&redirect_uri=…&scope=…`,
  `  control plane       ${hubspot.url}/_sandbox/portals   (records, call log, faults: see sandbox/README.md)`,
  `WhatsApp Cloud API    ${whatsapp.url}`,
  `  control plane       ${whatsapp.url}/_sandbox/…`,
  '',
];
if (demoPortal) {
  lines.push(
    `Demo portal ${demoPortal.portal.id} (${demoPortal.portal.domain}): ${demoPortal.contactIds.length} contacts, ` +
      `${demoPortal.companyIds.length} companies, ${Object.keys(demoPortal.dealIds).length} deals, ${demoPortal.owners.length} owners`,
    `  OAuth client id ${demoPortal.client.clientId} (secret in sandbox/hubspot/seed.ts: a demo value, not a credential)`,
  );
} else {
  lines.push(`HubSpot state restored from ${process.env.SANDBOX_STATE_FILE}`);
}
lines.push(
  `Demo WhatsApp business: WABA ${demoWhatsApp.wabaId}, phone number id ${demoWhatsApp.phoneNumberId}, ` +
    `templates ${demoWhatsApp.templates.map((t) => `${t.name}/${t.language} (${t.status})`).join(', ')}`,
  '',
  'Ctrl-C stops it.',
);
process.stdout.write(`${lines.join('\n')}\n`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void sandboxes.close().then(() => process.exit(0));
  });
}
