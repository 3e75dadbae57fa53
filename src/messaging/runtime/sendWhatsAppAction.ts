import { z } from 'zod';
import { RetryAfter } from '../../jobs/index.ts';
import { normalizePhone } from '../../mapping/whatsappPhone.ts';
import type { ActionExecution, ActionExecutor, ActionResult } from '../../workflowActions/index.ts';
import type { StoredMessage } from '../messageStore.ts';
import type { MessageStore } from '../messageStore.ts';
import type { ContactSender } from './contactSender.ts';
import { WORKFLOW_SEND_PREFIX } from './providerWebhook.ts';
import { throwIfRetry } from './sendJob.ts';

/**
 * The custom workflow action *Send WhatsApp message* (extensions/app/workflow-actions/send-whatsapp-hsmeta.json).
 * The request path only checks the inputs and answers BLOCK; the send happens in the durable completion job
 * (keyed by callbackId, so HubSpot's retries and our own restarts send once: message key `workflow:<callbackId>`).
 * Without a status to wait for, the callback completes as soon as WhatsApp accepted the message; otherwise the
 * job waits (woken by the status webhook, polling as a safety net) until delivered / read, or failed.
 */
export const WAIT_STATUSES = ['none', 'delivered', 'read'] as const;
/** Safety-net poll while waiting; status webhooks wake the job at once (providerWebhook.ts). */
export const WAIT_POLL_MS = 60_000;
/** Give up waiting a little before HubSpot's block expiration (P1D, actionExecution.ts). */
export const WAIT_LIMIT_MS = 23 * 60 * 60_000;

const Inputs = z.object({
  templateName: z.string().trim().min(1, 'templateName is required'),
  phone: z.string().trim().optional(),
  variableOverrides: z.string().trim().optional(),
  waitForStatus: z.enum(WAIT_STATUSES).default('none'),
});

interface ParsedInputs {
  templateName: string;
  phone?: string;
  overrides?: Record<number, string>;
  waitFor: (typeof WAIT_STATUSES)[number];
}

/** The inputs, or the sentence that says what is wrong with them (shown as the action's failure reason). */
export function parseInputs(
  raw: Record<string, unknown>,
): { ok: true; inputs: ParsedInputs } | { ok: false; problem: string } {
  const strings = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== '' && v !== null && v !== undefined));
  const parsed = Inputs.safeParse(strings);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, problem: `${issue.path.join('.') || 'inputFields'}: ${issue.message}` };
  }
  const { templateName, phone, variableOverrides, waitForStatus } = parsed.data;
  if (phone && !normalizePhone(phone).ok) return { ok: false, problem: `phone: ${phone} is not an E.164 number` };
  let overrides: Record<number, string> | undefined;
  if (variableOverrides) {
    const o = parseOverrides(variableOverrides);
    if (!o.ok) return o;
    overrides = o.overrides;
  }
  return {
    ok: true,
    inputs: {
      templateName,
      waitFor: waitForStatus,
      ...(phone ? { phone } : {}),
      ...(overrides ? { overrides } : {}),
    },
  };
}

function parseOverrides(
  text: string,
): { ok: true; overrides: Record<number, string> } | { ok: false; problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'variableOverrides: not JSON (expected e.g. {"1": "Ada"})' };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, problem: 'variableOverrides: expected a JSON object such as {"1": "Ada"}' };
  }
  const overrides: Record<number, string> = {};
  for (const [key, value] of Object.entries(json)) {
    if (!/^[1-9]\d*$/.test(key)) return { ok: false, problem: `variableOverrides: "${key}" is not a variable number` };
    if (typeof value !== 'string' && typeof value !== 'number') {
      return { ok: false, problem: `variableOverrides: the value of "${key}" must be text` };
    }
    overrides[Number(key)] = String(value);
  }
  return { ok: true, overrides };
}

const failed = (status: string, reason: string, messageId = ''): ActionResult => ({
  state: 'FAIL_CONTINUE',
  outputFields: { messageId, status, failureReason: reason },
});

const RANK: Record<string, number> = { delivered: 1, read: 2 };

/** The result once the message reached the status waited for (or failed), else undefined. */
function settled(m: StoredMessage, waitFor: ParsedInputs['waitFor'], now: number): ActionResult | undefined {
  const messageId = m.providerMessageId ?? '';
  if (m.status === 'failed')
    return failed('failed', m.failure?.message ?? 'WhatsApp could not deliver the message', messageId);
  const reached = waitFor === 'none' || (RANK[m.status] ?? 0) >= RANK[waitFor]!;
  const status = m.status === 'accepted' || m.status === 'pending' ? 'sent' : m.status;
  if (reached) return { state: 'SUCCESS', outputFields: { messageId, status, failureReason: '' } };
  if (now - (m.acceptedAt ?? m.createdAt) > WAIT_LIMIT_MS) {
    return failed(status, `WhatsApp did not report the message ${waitFor} within 23 hours`, messageId);
  }
  return undefined;
}

export function createSendWhatsAppAction(deps: {
  sender: Pick<ContactSender, 'send'>;
  store: Pick<MessageStore, 'findByKey'>;
  now: () => number;
}): ActionExecutor {
  return {
    start(execution: ActionExecution) {
      const parsed = parseInputs(execution.inputFields);
      return parsed.ok ? { state: 'BLOCK' } : failed('invalid_input', parsed.problem);
    },
    async finish(execution: ActionExecution): Promise<ActionResult> {
      const parsed = parseInputs(execution.inputFields);
      if (!parsed.ok) return failed('invalid_input', parsed.problem);
      const { inputs } = parsed;
      const key = `${WORKFLOW_SEND_PREFIX}${execution.callbackId}`;
      let message = deps.store.findByKey(key);
      if (!message || message.status === 'pending') {
        const outcome = await deps.sender.send({
          portalId: execution.origin.portalId,
          contactId: String(execution.object.objectId),
          content: {
            kind: 'template',
            name: inputs.templateName,
            ...(inputs.overrides ? { overrides: inputs.overrides } : {}),
          },
          idempotencyKey: key,
          ...(inputs.phone ? { phone: inputs.phone } : {}),
        });
        if (outcome.outcome === 'refused') return failed('refused', outcome.reasons.map((r) => r.message).join(' '));
        throwIfRetry(outcome);
        message = outcome.message;
      }
      const result = settled(message, inputs.waitFor, deps.now());
      if (result) return result;
      throw new RetryAfter(
        WAIT_POLL_MS,
        'waiting_for_whatsapp_status',
        `waiting until the message is ${inputs.waitFor}`,
      );
    },
  };
}
