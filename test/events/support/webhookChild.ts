/**
 * The real service (server/main.ts startService, file SQLite) in one of the two roles of a split deployment, for the
 * inbox kill -9 test: WEBHOOK_CHILD_ROLE=web serves HTTP only (`runWorker: false`: webhooks are answered from the
 * inbox), `worker` runs the worker and the webhook fan-out. Both subscribe the same no-op handlers, whose jobs
 * record how many events they were given (webhookJob.ts), and install the test portal.
 */
import { startService } from '../../../server/main.ts';
import { loadConfig } from '../../../src/config.ts';

const role = process.env.WEBHOOK_CHILD_ROLE;
if (role !== 'web' && role !== 'worker') throw new Error('WEBHOOK_CHILD_ROLE must be web or worker');
const service = await startService(loadConfig(), {
  runWorker: role === 'worker',
  orders: false,
  // Short leases so the restarted worker takes over the killed one's jobs in seconds, not a minute.
  worker: { leaseMs: 2_000, concurrency: 4, pollIntervalMs: 20 },
  register(spine) {
    const noop = () => undefined;
    spine.webhooks.subscribe(
      [{ event: 'deal.creation' }, { event: 'deal.propertyChange', propertyName: 'dealstage' }],
      'test.dealTimeline',
      noop,
    );
    spine.webhooks.subscribe([{ event: 'contact.creation' }], 'test.contactAudit', noop);
  },
});
service.connections.installations.upsert(
  {
    portalId: Number(process.env.TEST_PORTAL_ID),
    authKind: 'oauth',
    status: 'active',
    statusReason: null,
    hubDomain: null,
  },
  new Date(),
);
process.once('SIGTERM', () => {
  void service.stop().then(() => process.exit(0));
});
