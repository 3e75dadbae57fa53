import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addOwner } from '../../sandbox/hubspot/portals.ts';
import type { Portal } from '../../sandbox/hubspot/state.ts';
import { apiError, type PlatformWorld, startPlatformWorld } from './support/platformWorld.ts';

let w: PlatformWorld;
let portal: Portal;
let token: string;

beforeEach(async () => {
  w = await startPlatformWorld();
  portal = w.portal();
  token = w.privateToken(portal.id);
});
afterEach(() => w.close());

describe('pipelines', () => {
  it('when the deal pipelines are read, the default pipeline has closed-won and closed-lost stages marked closed', async () => {
    const { results } = await w.sdk(token).crm.pipelines.pipelinesApi.getAll('deals');
    expect(results).toHaveLength(1);
    const pipeline = results[0]!;
    expect(pipeline.id).toBe('default');
    expect(pipeline.createdAt).toBeInstanceOf(Date);
    const closed = pipeline.stages.filter((s) => s.metadata?.isClosed === 'true').map((s) => s.id);
    expect(closed).toEqual(['closedwon', 'closedlost']);
    expect(pipeline.stages.find((s) => s.id === 'closedwon')?.metadata?.probability).toBe('1.0');
  });

  it('when one pipeline and its stages are read by id, they match the list; an unknown id is 404', async () => {
    const api = w.sdk(token).crm.pipelines;
    expect((await api.pipelinesApi.getById('deals', 'default')).label).toBe('Sales Pipeline');
    const stages = await api.pipelineStagesApi.getAll('deals', 'default');
    expect(stages.results.map((s) => s.displayOrder)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect((await apiError(api.pipelinesApi.getById('deals', 'nope'))).code).toBe(404);
  });

  it('when ticket pipelines are read, the support pipeline exists; contacts have no pipelines', async () => {
    const { results } = await w.sdk(token).crm.pipelines.pipelinesApi.getAll('tickets');
    expect(results[0]?.stages.map((s) => s.metadata?.ticketState)).toEqual(['OPEN', 'OPEN', 'OPEN', 'CLOSED']);
    expect((await w.call('GET', '/crm/v3/pipelines/contacts', { token })).status).toBe(400);
  });
});

describe('owners', () => {
  beforeEach(() => {
    for (let i = 1; i <= 5; i++)
      addOwner(portal, { email: `rep${i}@example.com`, firstName: `Rep${i}`, lastName: 'Smith' });
  });

  it('when owners are paged two at a time, following paging.next.after visits each owner once', async () => {
    const api = w.sdk(token).crm.owners.ownersApi;
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const page = await api.getPage(undefined, after, 2);
      seen.push(...page.results.map((o) => o.email!));
      after = page.paging?.next?.after;
    } while (after);
    expect(seen).toEqual([
      'rep1@example.com',
      'rep2@example.com',
      'rep3@example.com',
      'rep4@example.com',
      'rep5@example.com',
    ]);
  });

  it('when owners are filtered by email, only that owner comes back, typed as a PERSON', async () => {
    const page = await w.sdk(token).crm.owners.ownersApi.getPage('REP3@example.com');
    expect(page.results).toHaveLength(1);
    expect(page.results[0]).toMatchObject({ email: 'rep3@example.com', type: 'PERSON', archived: false });
    expect(page.paging).toBeUndefined();
  });

  it('when an owner is read by id or by userId, it is found; an unknown id is 404', async () => {
    const api = w.sdk(token).crm.owners.ownersApi;
    const owner = portal.owners[1]!;
    expect((await api.getById(Number(owner.id))).email).toBe(owner.email);
    expect((await api.getById(owner.userId, 'userId')).id).toBe(owner.id);
    expect((await apiError(api.getById(1))).code).toBe(404);
  });

  it('when the token lacks crm.objects.owners.read, owners answer 403', async () => {
    const other = w.privateToken(portal.id, ['crm.objects.contacts.read']);
    expect((await apiError(w.sdk(other).crm.owners.ownersApi.getPage())).code).toBe(403);
  });
});
