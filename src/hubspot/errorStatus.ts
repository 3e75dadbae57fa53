import { isAppError } from '../errors.ts';

/**
 * HubSpot's HTTP status of a failed call: through the gateway it is an AppError whose `details.status` carries it
 * (hubspot/retryPolicy.ts); a bare SDK ApiException or HubspotHttpError carries it as `code`. Undefined when no
 * answer arrived (dropped connection, timeout): the outcome of a create is then unknown.
 */
export function hubspotStatusOf(err: unknown): number | undefined {
  if (isAppError(err)) {
    const status = (err.details as { status?: unknown } | undefined)?.status;
    return typeof status === 'number' ? status : undefined;
  }
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
}

/** "Already exists": a 409 (properties and groups, reference §5), or the gateway's `conflict` reason. */
export const alreadyExists = (err: unknown): boolean =>
  hubspotStatusOf(err) === 409 || (isAppError(err) && err.code === 'conflict');
