import { afterEach, describe, expect, it } from 'vitest';
import { executeWorkflowAction, type WorkflowActionOptions } from '../../sandbox/hubspot/caller/index.ts';
import { AppError } from '../../src/errors.ts';
import type { ActionExecutor, CompleteCallback } from '../../src/workflowActions/index.ts';
import { gate } from '../jobs/support.ts';
import { TEST_SECRET } from '../support/testApp.ts';
import { type EventWorld, PORTAL, startEventWorld } from './eventWorld.ts';

let world: EventWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

/** A world with one action (`test-action`) and a completeCallback that records what HubSpot would receive. */
async function actionWorld(executor: ActionExecutor, complete?: CompleteCallback) {
  const completions: { portalId: number; callbackId: string; body: unknown }[] = [];
  world = await startEventWorld({
    completeCallback:
      complete ??
      (async (portalId, callbackId, body) => {
        completions.push({ portalId, callbackId, body });
      }),
  });
  world.spine.workflowActions.registerAction('test-action', executor);
  const w = world;
  const execute = (o: Partial<WorkflowActionOptions> = {}) =>
    executeWorkflowAction({
      actionUrl: `${w.origin}/actions/test-action`,
      clientSecret: TEST_SECRET,
      callbackId: 'ap-102670506-56777914962-11-0',
      portalId: PORTAL,
      object: { objectId: 614, objectType: 'CONTACT' },
      inputFields: { templateName: 'welcome', phone: '+491701234567' },
      maxAttempts: 1,
      ...o,
    });
  return { world: w, execute, completions };
}

describe('POST /actions/:action answers HubSpot once per callbackId', () => {
  it('answers SUCCESS with the outputs; a retried execution gets the same answer without running again', async () => {
    let runs = 0;
    const { world, execute } = await actionWorld({
      start: () => ({ state: 'SUCCESS', outputFields: { messageId: `wamid.${++runs}` } }),
    });
    const first = await execute();
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ outputFields: { messageId: 'wamid.1', hs_execution_state: 'SUCCESS' } });
    const retry = await execute({ signV3: false }); // v2 only, as the legacy docs describe
    expect(retry.body).toEqual(first.body);
    expect(runs).toBe(1);
    expect(world.counts().executions).toBe(1);
  });

  it('answers BLOCK, then one job completes the callback with outputFields and typedOutputs', async () => {
    const { world, execute, completions } = await actionWorld({
      start: () => ({ state: 'BLOCK' }),
      finish: (e) => ({ state: 'SUCCESS', outputFields: { messageId: `wamid.${e.object.objectId}` } }),
    });
    const answer = await execute();
    expect(answer.body).toEqual({ outputFields: { hs_execution_state: 'BLOCK', hs_expiration_duration: 'P1D' } });
    expect((await execute()).body).toEqual(answer.body);
    expect(world.counts().jobs).toBe(1);
    await world.spine.worker.runUntilIdle();
    await world.spine.worker.runUntilIdle();
    expect(completions).toEqual([
      {
        portalId: PORTAL,
        callbackId: 'ap-102670506-56777914962-11-0',
        body: { outputFields: { messageId: 'wamid.614', hs_execution_state: 'SUCCESS' }, typedOutputs: {} },
      },
    ]);
  });

  it('when the completion was sent but its answer lost, the rerun takes "already completed" as done', async () => {
    let landed = false;
    const complete: CompleteCallback = async () => {
      if (landed) throw new AppError('validation', 'HubSpot answered 400: Callback x has already been completed');
      landed = true;
      throw new Error('socket hang up'); // HubSpot completed it; we never heard back
    };
    const { world, execute } = await actionWorld(
      { start: () => ({ state: 'BLOCK' }), finish: () => ({ state: 'FAIL_CONTINUE' }) },
      complete,
    );
    await execute();
    await world.spine.worker.runUntilIdle();
    world.db.prepare('UPDATE jobs SET run_at = 0').run(); // skip the backoff
    await world.spine.worker.runUntilIdle();
    const row = world.db.prepare('SELECT state, completion_note FROM workflow_action_executions').get();
    expect(row).toEqual({ state: 'completed', completion_note: 'completed by an earlier attempt' });
    expect((await world.spine.queue.stats()).byStatus).toMatchObject({ completed: 1, dead: 0 });
  });

  it('while the first delivery is still executing, a retry gets 429 with Retry-After and nothing runs twice', async () => {
    const hold = gate();
    let runs = 0;
    const { execute } = await actionWorld({
      start: async () => {
        runs += 1;
        await hold.promise;
        return { state: 'SUCCESS' };
      },
    });
    const first = execute();
    await new Promise((r) => setTimeout(r, 50));
    const overtaking = await execute();
    expect(overtaking.status).toBe(429);
    hold.open();
    expect((await first).executionState).toBe('SUCCESS');
    expect((await execute()).executionState).toBe('SUCCESS');
    expect(runs).toBe(1);
  });

  it('when the executor throws, HubSpot gets a 500 and its retry runs the action afresh', async () => {
    let runs = 0;
    const { execute } = await actionWorld({
      start: () => {
        runs += 1;
        if (runs === 1) throw new Error('provider unreachable');
        return { state: 'SUCCESS' };
      },
    });
    expect((await execute()).status).toBe(500);
    expect((await execute()).executionState).toBe('SUCCESS');
    expect(runs).toBe(2);
  });

  it('an execution for a portal without the app answers FAIL_CONTINUE without running', async () => {
    let runs = 0;
    const { execute } = await actionWorld({
      start: () => {
        runs += 1;
        return { state: 'SUCCESS' };
      },
    });
    const res = await execute({ portalId: 404 });
    expect(res.body).toEqual({ outputFields: { hs_execution_state: 'FAIL_CONTINUE' } });
    expect(runs).toBe(0);
  });
});
