import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

describe('npm run demo', () => {
  it('walks every scenario against the sandbox and exits cleanly in --once mode', () => {
    const run = spawnSync(join(ROOT, 'node_modules/.bin/tsx'), ['server/demo.ts', '--once'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
      env: { PATH: process.env.PATH ?? '' },
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Switchboard demo');
    expect(run.stdout).toMatch(/GET \/oauth\/install → 302/);
    expect(run.stdout).toMatch(/GET \/oauth\/callback → 200: Switchboard is installed/);
    // Installed before the card is opened, so the card says connected.
    expect(run.stdout).toMatch(/signed GET \/api\/cards\/status\?portalId=\d+ → 200: connected/);
    expect(run.stdout).toMatch(/without HubSpot's signature → 401/);
    // The session scenario: a call platform posts with its API key; the worker writes HubSpot and the timeline.
    expect(run.stdout).toMatch(/POST \/api\/sessions → 202: created/);
    expect(run.stdout).toMatch(/GET \/api\/sessions\/demo-call-northwind-1 → synced \(timeline 2\/2 posted\)/);
    expect(run.stdout).toMatch(/meeting \d+: "Rack upgrade with Northwind"/);
    expect(run.stdout).toMatch(
      /task \d+: "Send the rack quote" \(assignee alice\.rep@acme-distribution\.example\.com is HubSpot owner \d+\)/,
    );
    expect(run.stdout).toMatch(/participant Tom Becker: created by create/);
    expect(run.stdout).toMatch(/timeline: 2 "Conversation summarized" events/);
    expect(run.stdout).toMatch(/the same session posted again → 200: unchanged/);
    expect(run.stdout).toMatch(/with a wrong API key → 401/);
    // The order scenario: a deal closes in the sandbox; the webhook job creates the order and writes back.
    expect(run.stdout).toMatch(/order SO-\d{6} created; the deal now shows:/);
    expect(run.stdout).toMatch(/switchboard_order_status = new/);
    expect(run.stdout).toMatch(/timeline: app event order_created \(occurrence order-\d+-\d+-created\)/);
    expect(run.stdout).toMatch(/PATCH \/api\/orders\/\d+ \{"status":"in_production"\} → 200/);
    expect(run.stdout).toMatch(
      /timeline: app event order_status_changed .*"previousStatus":"new","status":"in_production"/,
    );
    expect(run.stdout).toMatch(/a status the lifecycle does not know → 400 \("teleported" is not an order status/);
    // The WhatsApp scenario: connect, card send with mapped variables, receipts, STOP, the workflow action.
    expect(run.stdout).toMatch(/handshake passed/);
    expect(run.stdout).toMatch(/card preview: "Hi Anna, your order SO-1001 has been updated/);
    expect(run.stdout).toMatch(/card shows: outbound read "Hi Anna/);
    expect(run.stdout).toMatch(/Anna writes STOP → opted out; confirmation sent/);
    expect(run.stdout).toMatch(/timeline whatsapp_message_status: .*"status":"read"/);
    expect(run.stdout).toMatch(/contact properties: last message \w+ at .*opt-in opted_out/);
    expect(run.stdout).toMatch(/callback completed: .*"hs_execution_state":"SUCCESS"/);
    expect(run.stdout).not.toContain('FAILED');
  });
});
