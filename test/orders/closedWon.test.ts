import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addPipeline } from '../../sandbox/hubspot/controlPlane.ts';
import { isClosedWonStage, triggerStages } from '../../src/orders/closedWonStages.ts';
import { createOrderFromDeal } from '../../src/orders/createOrderFromDeal.ts';
import { type OrdersWorld, startOrdersWorld } from './support/ordersWorld.ts';

describe('closed-won stages from stage metadata', () => {
  it.each([
    [{ isClosed: 'true', probability: '1.0' }, true],
    [{ isClosed: 'true', probability: '1' }, true],
    [{ isClosed: 'true', probability: '0.0' }, false],
    [{ isClosed: 'false', probability: '1.0' }, false],
    [{ probability: '1.0' }, false],
    [undefined, false],
  ])('%j → won: %s', (metadata, won) => expect(isClosedWonStage(metadata)).toBe(won));
});

let w: OrdersWorld;
let clock = Date.now();
beforeEach(async () => {
  clock = Date.now();
  w = await startOrdersWorld({ clock: () => clock });
  // A second pipeline whose won stage is not called "closedwon" (ids are per portal, as HubSpot's custom ones are).
  addPipeline(w.state, w.portalId, 'deals', {
    id: '8001',
    label: 'Service contracts',
    stages: [
      { id: '8001-quote', label: 'Quote sent', probability: '0.6' },
      { id: '8001-signed', label: 'Contract signed', probability: '1.0', isClosed: true },
      { id: '8001-gone', label: 'Gone', probability: '0.0', isClosed: true },
    ],
  });
});
afterEach(() => w.close());

const serviceDeal = (stage: string) => w.crm.fullDeal({ pipeline: '8001', dealstage: stage }).dealId;
const automatic = (dealId: string) =>
  createOrderFromDeal(w.deps, { portalId: w.portalId, dealId, source: 'automatic' });
const pipelineReads = (since: number) => w.apiCalls(since).filter((c) => c.path === '/crm/v3/pipelines/deals').length;

describe('closed-won resolved per pipeline through the pipelines API', () => {
  it('by default every closed-won stage of every pipeline triggers, whatever its id', async () => {
    const pipelines = await w.deps.stages.pipelines(w.portalId);
    const stages = triggerStages(pipelines, w.deps.settings.get(w.portalId).trigger).map((s) => s.stageId);
    expect(stages).toEqual(['closedwon', '8001-signed']);
    expect(await automatic(serviceDeal('8001-signed'))).toMatchObject({ status: 'created' });
    expect(await automatic(serviceDeal('8001-gone'))).toMatchObject({ status: 'skipped' });
  });

  it('when the portal limits triggers to one pipeline, won deals elsewhere do not become orders', async () => {
    w.deps.settings.save(w.portalId, { trigger: { pipelineIds: ['8001'], stageIds: null } }, new Date());
    expect(await automatic(w.crm.fullDeal().dealId)).toMatchObject({
      status: 'skipped',
      reason: expect.stringContaining('closedwon'),
    });
    expect(await automatic(serviceDeal('8001-signed'))).toMatchObject({ status: 'created' });
  });

  it('when the portal names stages explicitly, a stage that is not closed won can trigger too', async () => {
    w.deps.settings.save(w.portalId, { trigger: { pipelineIds: null, stageIds: ['8001-quote'] } }, new Date());
    expect(await automatic(serviceDeal('8001-quote'))).toMatchObject({ status: 'created' });
    expect(await automatic(serviceDeal('8001-signed'))).toMatchObject({ status: 'skipped' });
  });

  it('a burst of deals costs one pipelines read; a pipeline added later is picked up by a refresh', async () => {
    const since = w.state.now();
    await Promise.all([1, 2, 3].map(() => automatic(w.crm.fullDeal().dealId)));
    expect(pipelineReads(since)).toBe(1);
    addPipeline(w.state, w.portalId, 'deals', {
      id: '9001',
      label: 'Spare parts',
      stages: [{ id: '9001-paid', label: 'Paid', probability: '1.0', isClosed: true }],
    });
    const dealId = w.crm.fullDeal({ pipeline: '9001', dealstage: '9001-paid' }).dealId;
    clock += 61_000; // past the miss-refresh interval, well within the cache lifetime
    expect(await automatic(dealId)).toMatchObject({ status: 'created' });
    expect(pipelineReads(since)).toBe(2);
  });
});
