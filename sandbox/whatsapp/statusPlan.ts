import type { DeliveryStatus, StatusScenario, StatusStep } from './types.ts';

/**
 * Which status webhooks a message produces, in posting order. What Meta documents (reference §3 "Status
 * ordering", M-status / YC-upd / exotel-status) and what each scenario models:
 * - normal: sent → delivered → read.
 * - no_read: sent → delivered; `read` only arrives if the user has read receipts on.
 * - read_without_delivered: sent → read; when delivered and read happen together no `delivered` is sent.
 * - dropped: one status is never posted (default `sent`) [M]: webhooks can be lost after retries run out.
 * - duplicated: one status (default `delivered`) posted twice; delivery is at-least-once.
 * - reordered: posted in another order (default read, delivered, sent); order is not guaranteed. Each
 *   status keeps the timestamp of when it happened, so only the arrival order changes.
 * - failed: a single `failed` with the error code (optionally after `sent`).
 * - custom: exactly the given steps (e.g. `failed` then `delivered`, as multi-device users can produce).
 */
export function planStatuses(
  scenario: StatusScenario,
  offsets: { sent: number; delivered: number; read: number },
): StatusStep[] {
  const at = (status: Exclude<DeliveryStatus, 'failed'>): StatusStep => ({ status, offsetMs: offsets[status] });
  const normal = [at('sent'), at('delivered'), at('read')];
  switch (scenario.kind) {
    case 'normal':
      return normal;
    case 'no_read':
      return [at('sent'), at('delivered')];
    case 'read_without_delivered':
      return [at('sent'), at('read')];
    case 'dropped': {
      const drop = scenario.status ?? 'sent';
      return normal.filter((s) => s.status !== drop);
    }
    case 'duplicated': {
      const dup = scenario.status ?? 'delivered';
      return normal.flatMap((s) => (s.status === dup ? [s, { ...s }] : [s]));
    }
    case 'reordered':
      return (scenario.order ?? ['read', 'delivered', 'sent']).map(at);
    case 'failed': {
      const failed: StatusStep = {
        status: 'failed',
        offsetMs: scenario.afterSent ? offsets.delivered : offsets.sent,
        errorCode: scenario.code,
      };
      return scenario.afterSent ? [at('sent'), failed] : [failed];
    }
    case 'custom':
      return scenario.steps.map((s) => ({ ...s }));
  }
}
