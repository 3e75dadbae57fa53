import { createHubspotSandbox, type HubspotSandbox } from './hubspot/server.ts';
import { loadState, saveState } from './hubspot/persist.ts';
import { seedDemoPortal, type SeededPortal } from './hubspot/seed.ts';
import type { SandboxOptions } from './hubspot/state.ts';
import { createWhatsAppSandbox, seedDemoWhatsApp, type DemoWhatsApp, type WhatsAppSandbox } from './whatsapp/index.ts';
import type { WhatsAppSandboxOptions } from './whatsapp/state.ts';

export interface SandboxesOptions {
  hubspotPort?: number;
  whatsappPort?: number;
  /** Load the HubSpot state from this file when it exists, and save it there on close. */
  stateFile?: string;
  hubspot?: Partial<SandboxOptions>;
  whatsapp?: Partial<WhatsAppSandboxOptions>;
  /** OAuth redirect URLs the demo app registers (the service's /oauth/callback). */
  redirectUrls?: string[];
}

export interface RunningSandboxes {
  hubspot: HubspotSandbox & { url: string };
  whatsapp: WhatsAppSandbox & { url: string };
  demoPortal: SeededPortal | undefined;
  demoWhatsApp: DemoWhatsApp;
  close(): Promise<void>;
}

/** Starts both simulators on 127.0.0.1, seeded with the demo portal and WhatsApp business. */
export async function startSandboxes(opts: SandboxesOptions = {}): Promise<RunningSandboxes> {
  const hubspot = createHubspotSandbox(opts.hubspot);
  const restored = opts.stateFile ? loadState(hubspot.state, opts.stateFile) : false;
  const demoPortal = restored ? undefined : seedDemoPortal(hubspot.state, { redirectUrls: opts.redirectUrls });
  const whatsapp = createWhatsAppSandbox(opts.whatsapp);
  const demoWhatsApp = seedDemoWhatsApp(whatsapp.state);

  const hs = await hubspot.listen(opts.hubspotPort ?? 0);
  const wa = await whatsapp.listen(opts.whatsappPort ?? 0);
  return {
    hubspot: Object.assign(hubspot, { url: hs.url }),
    whatsapp: Object.assign(whatsapp, { url: wa.url }),
    demoPortal,
    demoWhatsApp,
    async close() {
      whatsapp.close();
      await Promise.all([hs.close(), wa.close()]);
      if (opts.stateFile) saveState(hubspot.state, opts.stateFile);
    },
  };
}
