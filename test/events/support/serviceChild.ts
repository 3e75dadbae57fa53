/**
 * The real service (server/main.ts startService: config from the environment, file SQLite, gateway, worker) with
 * one diagnostic workflow action, for the kill -9 test. `test-complete` answers BLOCK and its finish echoes the
 * input, so every execution becomes exactly one callback completion at the (sandbox) HubSpot API.
 */
import { startService } from '../../../server/main.ts';
import { loadConfig } from '../../../src/config.ts';

const service = await startService(loadConfig(), {
  // Short leases so the restarted service takes over the killed one's jobs in seconds, not a minute.
  worker: { leaseMs: 3_000, concurrency: 4 },
  register(spine) {
    spine.workflowActions.registerAction('test-complete', {
      start: () => ({ state: 'BLOCK' }),
      finish: (e) => ({ state: 'SUCCESS', outputFields: { echo: String(e.inputFields.n) } }),
    });
  },
});
process.once('SIGTERM', () => {
  void service.stop().then(() => process.exit(0));
});
