import { cardFetch } from '../../sandbox/hubspot/caller/index.ts';
import type { DemoScenario } from './context.ts';

/** A rep opens a contact: the status card asks the service, through HubSpot's signed proxy, whether we're connected. */
export const connectionStatusScenario: DemoScenario = {
  title: 'Status card on a contact record',
  async run({ sandboxes, service, portalId, say }) {
    const client = sandboxes.demoPortal?.client;
    if (!client) throw new Error('the demo needs the seeded demo portal');
    const result = await cardFetch({
      url: `${service.url}/api/cards/status?portalId=${portalId}`,
      method: 'GET',
      clientSecret: client.clientSecret,
      portalId,
      userId: 1,
      userEmail: 'rep@acme-distribution.example.com',
    });
    if (!result.ok) throw new Error(`status card request failed: ${result.category} ${result.message}`);
    const body = result.body as { state: string; message: string };
    say(`  signed GET /api/cards/status?portalId=${portalId} → ${result.status}: ${body.state}`);
    say(`  the card would show: "${body.message}"`);
    const unsigned = await fetch(`${service.url}/api/cards/status?portalId=${portalId}`);
    say(
      `  the same request without HubSpot's signature → ${unsigned.status} (${((await unsigned.json()) as { error: { message: string } }).error.message})`,
    );
  },
};
