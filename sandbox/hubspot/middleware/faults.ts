import type { RequestHandler, Response } from 'express';
import { callerOf } from '../auth.ts';
import { sendError } from '../errors.ts';
import type { Fault, Portal, SandboxState } from '../state.ts';
import { burstLimit, DEFAULT_WINDOW_MS, tenSecondlyBody } from './rateLimitPolicy.ts';

/**
 * Answers the next N authenticated requests of a portal with an injected fault, so integrations can be tested
 * against HubSpot's bad days: 429, 500, 502, 423 Locked, a slow answer or a dropped connection.
 * Faults are queued per portal (Portal.faults) and consumed in order.
 */
export function faults(state: SandboxState): RequestHandler {
  return (req, res, next) => {
    const portal = state.portal(callerOf(res).portalId);
    const fault = portal ? takeFault(portal) : undefined;
    if (!fault) {
      next();
      return;
    }
    switch (fault.kind) {
      case 'slow':
        setTimeout(next, fault.delayMs ?? 6_000);
        return;
      case 'drop':
        // No status line at all: what a reset connection or an idle-timeout looks like to a client.
        req.socket.destroy();
        return;
      case '429':
        sendTenSecondly(state, res, portal!);
        return;
      case '423':
        // "Locks will last for 2 seconds" (reference §2); the body shape is [U].
        sendError(res, 423, 'LOCKED', 'The resource is locked. Locks last for 2 seconds; retry later.');
        return;
      case '500':
        sendError(res, 500, 'INTERNAL_ERROR', 'An internal error occurred.');
        return;
      case '502':
        // HubSpot documents 502/504 for processing limits (§11.1); the body shape is [U].
        sendError(res, 502, 'BAD_GATEWAY', 'Bad Gateway');
        return;
    }
  };
}

function takeFault(portal: Portal): Fault | undefined {
  while (portal.faults.length > 0) {
    const head = portal.faults[0]!;
    if (head.remaining <= 0) {
      portal.faults.shift();
      continue;
    }
    head.remaining -= 1;
    if (head.remaining === 0) portal.faults.shift();
    return head;
  }
  return undefined;
}

/** A TEN_SECONDLY_ROLLING 429 like the real limiter's, plus Retry-After (seconds) for clients that read it. */
function sendTenSecondly(state: SandboxState, res: Response, portal: Portal): void {
  const auth = callerOf(res);
  const windowMs = state.options.rateLimitWindowMs ?? DEFAULT_WINDOW_MS;
  res.setHeader('X-HubSpot-RateLimit-Max', String(burstLimit(portal, auth.kind)));
  res.setHeader('X-HubSpot-RateLimit-Remaining', '0');
  res.setHeader('X-HubSpot-RateLimit-Interval-Milliseconds', String(windowMs));
  res.setHeader('Retry-After', String(Math.ceil(windowMs / 1000)));
  res.status(429).json(tenSecondlyBody(auth.appId, auth.portalId, auth.kind));
}
