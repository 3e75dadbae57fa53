import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addPipeline, moveDealToStage } from '../../sandbox/hubspot/controlPlane.ts';
import type { Portal } from '../../sandbox/hubspot/state.ts';
import { type PlatformWorld, startPlatformWorld } from './support/platformWorld.ts';

let w: PlatformWorld;
let portal: Portal;
let token: string;

beforeEach(async () => {
  w = await startPlatformWorld();
  portal = w.portal();
  token = w.privateToken(portal.id, ['crm.objects.deals.read', 'crm.objects.deals.write']);
});
afterEach(() => w.close());

const RENEWALS = {
  id: '7001',
  label: 'Renewals',
  stages: [
    { id: '7001-open', label: 'Renewal due', probability: '0.5' },
    { id: '7001-won', label: 'Renewed', probability: '1.0', isClosed: true },
    { id: '7001-lost', label: 'Churned', probability: '0.0', isClosed: true },
  ],
};

describe('pipelines added through the control plane', () => {
  it('when an admin adds a pipeline, the pipelines API lists it with stage metadata like the default one', async () => {
    addPipeline(w.state, portal.id, 'deals', RENEWALS);
    const { results } = await w.sdk(token).crm.pipelines.pipelinesApi.getAll('deals');
    const renewals = results.find((p) => p.id === '7001');
    expect(renewals?.stages.map((s) => [s.id, s.metadata])).toEqual([
      ['7001-open', { isClosed: 'false', probability: '0.5' }],
      ['7001-won', { isClosed: 'true', probability: '1.0' }],
      ['7001-lost', { isClosed: 'true', probability: '0.0' }],
    ]);
  });

  it('a deal can be created in the new pipeline and moved to its won stage; its stages are not valid elsewhere', async () => {
    addPipeline(w.state, portal.id, 'deals', RENEWALS);
    const deals = w.sdk(token).crm.deals.basicApi;
    const deal = await deals.create({
      properties: { dealname: 'Renewal', pipeline: '7001', dealstage: '7001-open' },
      associations: [],
    });
    expect(moveDealToStage(w.state, portal.id, deal.id, '7001-won').properties.dealstage).toBe('7001-won');
    const wrong = await w.call('POST', '/crm/v3/objects/deals', {
      token,
      body: { properties: { dealname: 'Mixed', pipeline: 'default', dealstage: '7001-won' } },
    });
    expect(wrong.status).toBe(400);
  });

  it('the control route adds a pipeline; a duplicate stage id or a deal stage without probability is refused', async () => {
    const ok = await w.call('POST', `/_sandbox/portals/${portal.id}/pipelines/deals`, { body: RENEWALS });
    expect(ok.status).toBe(201);
    const dup = await w.call('POST', `/_sandbox/portals/${portal.id}/pipelines/deals`, {
      body: {
        id: '7002',
        label: 'Other',
        stages: [{ id: 'closedwon', label: 'Won', probability: '1.0', isClosed: true }],
      },
    });
    expect(dup.status).toBe(409);
    const noProbability = await w.call('POST', `/_sandbox/portals/${portal.id}/pipelines/deals`, {
      body: { id: '7003', label: 'Vague', stages: [{ id: 'vague', label: 'Vague' }] },
    });
    expect(noProbability).toMatchObject({ status: 400, body: { error: expect.stringContaining('probability') } });
  });
});
