import type { RequestHandler } from 'express';
import type { CallerAuth } from '../auth.ts';
import type { SandboxState } from '../state.ts';

const DEFAULT_LIMIT = 100_000;

/**
 * Records every request into `state.callLog` once it is over, so tests and the control plane can see what
 * an integration really sent. Mounted first, so it also sees 401s, faults and rate-limited calls.
 */
export function callLog(state: SandboxState): RequestHandler {
  return (req, res, next) => {
    const startedAt = state.now();
    const startedHr = performance.now();
    let logged = false;
    const record = () => {
      if (logged) return;
      logged = true;
      const auth = res.locals.auth as CallerAuth | undefined;
      const qs = req.originalUrl.indexOf('?');
      state.callLog.push({
        at: startedAt,
        method: req.method,
        path: qs === -1 ? req.originalUrl : req.originalUrl.slice(0, qs),
        // A dropped socket never sent a status: log 0 so it is told apart from real answers.
        status: res.headersSent ? res.statusCode : 0,
        portalId: auth?.portalId ?? null,
        authKind: auth?.kind ?? null,
        durationMs: Math.round((performance.now() - startedHr) * 100) / 100,
      });
      const limit = state.options.callLogLimit ?? DEFAULT_LIMIT;
      // Trim in chunks so a long benchmark does not pay for a shift on every request.
      if (state.callLog.length > limit + 1000) state.callLog.splice(0, state.callLog.length - limit);
    };
    res.once('finish', record);
    res.once('close', record);
    next();
  };
}
