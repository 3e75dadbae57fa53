import { exchange, realSleep } from './http.ts';
import { signV2, v3Headers } from './signatures.ts';

/**
 * HubSpot executing a custom workflow action (hubspot-platform.md §5.2–5.3, reference/hubspot-api.md §9):
 * POST the execution body to actionUrl, signed v2 always and v3 unless disabled [M: whether v3 is sent];
 * retry on 5xx/429 (Retry-After in milliseconds), not on other 4xx; 30 s timeout [M: legacy webhook rules].
 */

export interface WorkflowActionOptions {
  actionUrl: string;
  clientSecret: string;
  callbackId: string;
  portalId: number;
  object: { objectId: number; objectType: string; properties?: Record<string, string> };
  inputFields: Record<string, unknown>;
  actionDefinitionId?: number;
  actionDefinitionVersion?: number;
  workflowId?: number;
  /** Add X-HubSpot-Signature-v3 + X-HubSpot-Request-Timestamp (default true). */
  signV3?: boolean;
  maxAttempts?: number;
  timeoutMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface WorkflowActionResult {
  status?: number;
  error?: string;
  attempts: number;
  body: unknown;
  outputFields?: Record<string, string>;
  /** `hs_execution_state` from outputFields: SUCCESS | FAIL_CONTINUE | BLOCK (undefined when absent). */
  executionState?: string;
  requestBody: string;
}

/** The execution request body exactly as §5.2 shows it. */
export function workflowActionBody(opts: WorkflowActionOptions): Record<string, unknown> {
  const definitionId = opts.actionDefinitionId ?? 10860211;
  const version = opts.actionDefinitionVersion ?? 1;
  return {
    callbackId: opts.callbackId,
    origin: {
      portalId: opts.portalId,
      actionDefinitionId: definitionId,
      actionDefinitionVersion: version,
      extensionDefinitionId: definitionId,
      extensionDefinitionVersionId: version,
    },
    context: { source: 'WORKFLOWS', workflowId: opts.workflowId ?? 192814114 },
    object: opts.object,
    inputFields: opts.inputFields,
  };
}

/** Runs one action execution against the service and reports its answer. */
export async function executeWorkflowAction(opts: WorkflowActionOptions): Promise<WorkflowActionResult> {
  const body = JSON.stringify(workflowActionBody(opts));
  const now = opts.now ?? Date.now;
  const maxAttempts = opts.maxAttempts ?? 3;
  let attempts = 0;
  for (;;) {
    attempts += 1;
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'X-HubSpot-Signature': signV2(opts.clientSecret, 'POST', opts.actionUrl, body),
      'X-HubSpot-Signature-Version': 'v2',
      ...(opts.signV3 === false ? {} : v3Headers(opts.clientSecret, 'POST', opts.actionUrl, body, now())),
    };
    const result = await exchange(opts.actionUrl, {
      method: 'POST',
      headers,
      body,
      timeoutMs: opts.timeoutMs ?? 30_000,
    });
    const retryable = !result.ok || result.status === 429 || result.status >= 500;
    if (retryable && attempts < maxAttempts) {
      const retryAfter = result.ok ? Number(result.headers.get('retry-after') ?? Number.NaN) : Number.NaN;
      await (opts.sleep ?? realSleep)(Number.isFinite(retryAfter) ? retryAfter : 1_000 * attempts);
      continue;
    }
    if (!result.ok)
      return { error: `${result.reason}: ${result.message}`, attempts, body: undefined, requestBody: body };
    const parsed = parse(result.text);
    const outputFields = (parsed as { outputFields?: Record<string, string> } | undefined)?.outputFields;
    return {
      status: result.status,
      attempts,
      body: parsed,
      outputFields,
      executionState: outputFields?.hs_execution_state,
      requestBody: body,
    };
  }
}

function parse(text: string): unknown {
  try {
    return text === '' ? undefined : JSON.parse(text);
  } catch {
    return text;
  }
}
