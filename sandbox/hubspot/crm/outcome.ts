import type { Response } from 'express';
import type { CrmFailure } from './crmErrors.ts';

/** What a CRM operation answers: an HTTP status and (unless 204) a JSON body. Routes just send it. */
export interface Outcome {
  status: number;
  body?: unknown;
}

export function fromFailure(f: CrmFailure): Outcome {
  return { status: f.status, body: f.body };
}

export function sendOutcome(res: Response, o: Outcome): void {
  if (o.body === undefined) res.status(o.status).end();
  else res.status(o.status).json(o.body);
}
