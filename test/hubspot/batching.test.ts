import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.ts';
import { mergeBatchResponse, defaultMatchKeys } from '../../src/hubspot/batchMerge.ts';
import {
  ASSOCIATIONS_READ_LIMIT,
  type BatchResponseBody,
  chunk,
  runInBatches,
  traceIdMaker,
  withTraceIds,
} from '../../src/hubspot/batching.ts';
import { BATCH_CREATE_207 } from './hubspotFixtures.ts';

interface CreateInput {
  properties: Record<string, string>;
  objectWriteTraceId?: string;
}
interface Created {
  id: string;
  objectWriteTraceId?: string;
}

const creates = (n: number): CreateInput[] =>
  Array.from({ length: n }, (_, i) => ({ properties: { dealname: `Deal ${i}` } }));

/** A fake HubSpot batch create: every input gets an id; names listed in `failing` get a 207 error. */
function fakeBatchCreate(failing: Set<string> = new Set()) {
  const calls: CreateInput[][] = [];
  let nextId = 1000;
  const send = async (part: CreateInput[]): Promise<BatchResponseBody<Created>> => {
    calls.push(part);
    const results = part
      .filter((i) => !failing.has(i.properties.dealname!))
      .map((i) => ({ id: String(nextId++), objectWriteTraceId: i.objectWriteTraceId }))
      .reverse(); // HubSpot does not promise result order
    const errors = part
      .filter((i) => failing.has(i.properties.dealname!))
      .map((i) => ({
        status: 'error',
        category: 'VALIDATION_ERROR',
        message: `Property values were not valid for ${i.properties.dealname}`,
        context: { objectWriteTraceId: [i.objectWriteTraceId!] },
      }));
    return { results, errors };
  };
  return { calls, send };
}

describe('chunking', () => {
  it.each([
    [250, 100, [100, 100, 50]],
    [100, 100, [100]],
    [0, 100, []],
    [2500, ASSOCIATIONS_READ_LIMIT, [1000, 1000, 500]],
  ])('%i inputs in chunks of %i make requests of %j', (n, size, sizes) => {
    expect(
      chunk(
        Array.from({ length: n }, (_, i) => i),
        size,
      ).map((c) => c.length),
    ).toEqual(sizes);
  });

  it('250 creates go out as 3 calls of at most 100, each input with a unique trace id', async () => {
    const fake = fakeBatchCreate();
    const outcomes = await runInBatches(
      withTraceIds(
        creates(250),
        traceIdMaker(() => 'run-0001'),
      ),
      fake.send,
    );
    expect(fake.calls.map((c) => c.length)).toEqual([100, 100, 50]);
    const traceIds = fake.calls.flat().map((i) => i.objectWriteTraceId);
    expect(new Set(traceIds).size).toBe(250);
    expect(traceIds[0]).toBe('sb-run0001-0');
    expect(outcomes).toHaveLength(250);
    expect(outcomes.every((o) => o.ok)).toBe(true);
  });

  it('results are matched back to their inputs by trace id even when HubSpot reorders them', async () => {
    const fake = fakeBatchCreate();
    const inputs = withTraceIds(creates(5));
    const outcomes = await runInBatches(inputs, fake.send);
    for (const [i, outcome] of outcomes.entries()) {
      expect(outcome.input).toBe(inputs[i]);
      expect(outcome.ok && outcome.result.objectWriteTraceId).toBe(inputs[i]!.objectWriteTraceId);
    }
  });

  it('inputs that already carry a trace id keep it', () => {
    const [kept, added] = withTraceIds([{ objectWriteTraceId: 'order-77' }, {}], () => 'new');
    expect(kept?.objectWriteTraceId).toBe('order-77');
    expect(added?.objectWriteTraceId).toBe('new');
  });
});

describe('207 multi-status mapping', () => {
  it('the recorded 207 sample: the named input fails with HubSpot message, the other gets the result', () => {
    const inputs = [
      { properties: { hs_pipeline: '0' }, objectWriteTraceId: 'a1b2c3d4e5f6' },
      { properties: { missing: 'x' }, objectWriteTraceId: '549b1c2a9351' },
    ];
    const [first, second] = mergeBatchResponse(inputs, BATCH_CREATE_207, defaultMatchKeys);
    expect(first).toMatchObject({ ok: true, result: { id: '1145814089' } });
    expect(second).toMatchObject({
      ok: false,
      error: {
        status: 400,
        category: 'VALIDATION_ERROR',
        message: expect.stringContaining('Property \\"missing\\" does not exist'),
        context: { objectWriteTraceId: ['549b1c2a9351'] },
      },
    });
  });

  it('failures in several chunks land on exactly the inputs they name', async () => {
    const fake = fakeBatchCreate(new Set(['Deal 3', 'Deal 150', 'Deal 249']));
    const outcomes = await runInBatches(withTraceIds(creates(250)), fake.send);
    const failed = outcomes.flatMap((o, i) => (o.ok ? [] : [i]));
    expect(failed).toEqual([3, 150, 249]);
    expect(outcomes[150]).toMatchObject({ ok: false, error: { message: expect.stringContaining('Deal 150') } });
  });

  it.each([
    [
      'context.ids (batch read)',
      { category: 'OBJECT_NOT_FOUND', message: 'Could not get some CONTACT objects', context: { ids: ['2'] } },
      404,
    ],
    ['a top-level id', { category: 'CONFLICT', message: 'already changed', id: '2' }, 409],
  ])('an error naming its input by %s is mapped to that input', (_how, error, status) => {
    const inputs = [{ id: '1' }, { id: '2' }, { id: '3' }];
    const body = { results: [{ id: '3' }, { id: '1' }], errors: [{ status: 'error', ...error }] };
    const outcomes = mergeBatchResponse(inputs, body, defaultMatchKeys);
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, true]);
    expect(outcomes[1]).toMatchObject({ ok: false, error: { status, category: error.category } });
    expect(outcomes[2]).toMatchObject({ ok: true, result: { id: '3' } });
  });

  it('custom keys match association batch reads by from.id', () => {
    const inputs = [{ id: '10' }, { id: '20' }];
    const body = {
      results: [
        { from: { id: '20' }, to: [] },
        { from: { id: '10' }, to: [{ toObjectId: 5 }] },
      ],
    };
    const outcomes = mergeBatchResponse(inputs, body, {
      inputId: (i: { id: string }) => i.id,
      resultId: (r: { from: { id: string } }) => r.from.id,
    });
    expect(outcomes[0]).toMatchObject({ ok: true, result: { to: [{ toObjectId: 5 }] } });
  });

  it.each([
    [
      'an unnamed error and no results left',
      { errors: [{ category: 'VALIDATION_ERROR', message: 'bad' }] },
      'VALIDATION_ERROR',
    ],
    ['nothing at all for the input', {}, 'MISSING_RESULT'],
    [
      'unnamed results and errors that do not add up',
      { results: [{}, {}], errors: [{ message: 'x' }] },
      'UNKNOWN_OUTCOME',
    ],
  ])('an input with %s is reported, never silently dropped', (_case, body, category) => {
    const outcomes = mergeBatchResponse([{}, {}, {}], body, defaultMatchKeys);
    expect(outcomes).toHaveLength(3);
    expect(outcomes.every((o) => !o.ok && o.error.category === category)).toBe(true);
  });
});

describe('a chunk that fails entirely', () => {
  it.each([
    [
      'an AppError from the gateway',
      new AppError('rate_limited', "HubSpot's daily API limit is used up", { status: 429, policyName: 'DAILY' }),
      { status: 429, category: 'RATE_LIMITED', message: "HubSpot's daily API limit is used up" },
    ],
    [
      'an SDK ApiException',
      Object.assign(new Error('HTTP-Code: 400'), {
        code: 400,
        body: { category: 'VALIDATION_ERROR', message: 'Invalid input JSON' },
      }),
      { status: 400, category: 'VALIDATION_ERROR', message: 'Invalid input JSON' },
    ],
    [
      'a network failure',
      Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } }),
      { status: 0, category: 'REQUEST_FAILED' },
    ],
  ])('gives %s to every input of that chunk only', async (_case, thrown, error) => {
    let call = 0;
    const outcomes = await runInBatches(withTraceIds(creates(250)), async (part) => {
      call += 1;
      if (call === 2) throw thrown;
      return { results: part.map((i, n) => ({ id: String(n), objectWriteTraceId: i.objectWriteTraceId })) };
    });
    expect(outcomes.slice(0, 100).every((o) => o.ok)).toBe(true);
    for (const outcome of outcomes.slice(100, 200)) expect(outcome).toMatchObject({ ok: false, error });
    expect(outcomes.slice(200).every((o) => o.ok)).toBe(true);
  });

  it('with concurrency, outcomes still come back in input order', async () => {
    const outcomes = await runInBatches(
      Array.from({ length: 10 }, (_, i) => ({ id: String(i) })),
      async (part) => {
        await new Promise((r) => setTimeout(r, part[0]!.id === '0' ? 20 : 0));
        return { results: part.map((i) => ({ id: i.id })) };
      },
      { chunkSize: 3, concurrency: 3 },
    );
    expect(outcomes.map((o) => o.ok && o.result.id)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
  });
});
