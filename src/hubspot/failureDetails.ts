import { contextList, type HubspotErrorBody } from './errorBody.ts';

/** What a failed HubSpot call said, kept on the AppError for logs and the health view (no tokens, no bodies we sent). */
export interface FailureDetails {
  status?: number;
  category?: string;
  correlationId?: string;
  policyName?: string;
  networkCode?: string;
  requiredScopes?: string[];
  errors?: { message?: string; code?: string; context?: Record<string, unknown> }[];
}

/** The parts of HubSpot's error envelope worth keeping (reference §11.1). */
export function detailsOf(status: number | undefined, body: HubspotErrorBody): FailureDetails {
  const details: FailureDetails = { status };
  if (body.category) details.category = body.category;
  if (body.correlationId) details.correlationId = body.correlationId;
  if (body.policyName) details.policyName = body.policyName;
  if (body.errors?.length) {
    details.errors = body.errors.map((e) => ({ message: e.message, code: e.code, context: e.context }));
  }
  return details;
}

/** `HubSpot answered 400: <HubSpot's message>`. */
export const hubspotSaid = (status: number, body: HubspotErrorBody) =>
  body.message ? `HubSpot answered ${status}: ${body.message}` : `HubSpot answered ${status}`;

/** Scopes named by a 403 MISSING_SCOPES body. */
export function requiredScopes(body: HubspotErrorBody): string[] {
  // Observed 403 body: errors[].context.requiredScopes (HubSpot/hubspot-api-nodejs#268); newer apps
  // may see requiredGranularScopes. Collected from the top-level context too.
  const contexts = [body.context, ...(body.errors ?? []).map((e) => e.context)];
  const keys = ['requiredScopes', 'requiredGranularScopes'];
  return [...new Set(contexts.flatMap((c) => keys.flatMap((k) => contextList(c, k))))];
}
