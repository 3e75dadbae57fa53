import { describe, expect, it } from 'vitest';
import { withSendGate } from '../../src/whatsapp/pacedProvider.ts';
import type { SendResult, WhatsAppProvider } from '../../src/whatsapp/provider.ts';
import { type Admission, DEFAULT_GATE, SendGate } from '../../src/whatsapp/sendGate.ts';

const T0 = 1_000_000;
const ticket = (a: Admission) => {
  if (!a.ok) throw new Error(`expected admission, must wait ${a.waitMs} ms`);
  return a.ticket;
};

describe('send gate: real times, so late timers and slow answers cannot burst', () => {
  it('the 81st message waits until the 1st was answered more than a second ago', () => {
    const gate = new SendGate();
    const tickets = Array.from({ length: 80 }, (_, i) => ticket(gate.admit('n1', `u${i}`, T0 + i)));
    for (const [i, t] of tickets.entries()) gate.release(t, T0 + i + 30); // each answered after 30 ms
    expect(gate.admit('n1', 'u80', T0 + 900)).toEqual({ ok: false, waitMs: 131 }); // 1st answered at T0+30
    expect(gate.admit('n1', 'u80', T0 + 1_031).ok).toBe(true);
  });

  it('a message 80 places back still in flight (no answer yet) holds the next one', () => {
    const gate = new SendGate(DEFAULT_GATE, () => 2);
    ticket(gate.admit('n1', 'a', T0));
    ticket(gate.admit('n1', 'b', T0));
    expect(gate.admit('n1', 'c', T0 + 5_000)).toEqual({ ok: false, waitMs: 2 });
  });

  it('one recipient: the next message only a pair interval after the previous answer', () => {
    const gate = new SendGate();
    gate.release(ticket(gate.admit('n1', 'ada', T0)), T0 + 40);
    expect(gate.admit('n1', 'ada', T0 + 6_000)).toEqual({ ok: false, waitMs: 41 });
    expect(gate.admit('n1', 'bo', T0 + 10).ok).toBe(true);
  });

  it("on the 'departure' basis only departures and the guard count", () => {
    const gate = new SendGate({ ...DEFAULT_GATE, basis: 'departure' }, () => 1);
    ticket(gate.admit('n1', 'a', T0));
    expect(gate.admit('n1', 'b', T0 + 500)).toEqual({ ok: false, waitMs: 525 });
    expect(gate.admit('n1', 'b', T0 + 1_025).ok).toBe(true);
  });

  it('the gated provider sends in order without ever putting 3 in one second on a 2/s number', async () => {
    let t = T0;
    const departures: number[] = [];
    const inner = {
      sendText: async () => {
        departures.push(t);
        t += 100; // every answer takes 100 ms
        return { ok: true, providerMessageId: 'w' } satisfies SendResult;
      },
    } as unknown as WhatsAppProvider;
    const clock = {
      now: () => t,
      sleep: async (ms: number) => {
        t += ms;
      },
    };
    const provider = withSendGate(inner, new SendGate(DEFAULT_GATE, () => 2), clock);
    for (const to of ['a', 'b', 'c', 'd']) await provider.sendText({ from: 'n1', to, body: 'x' });
    expect(departures.map((d) => d - T0)).toEqual([0, 100, 1_101, 1_201]); // c after a's answer, d after b's
  });
});
