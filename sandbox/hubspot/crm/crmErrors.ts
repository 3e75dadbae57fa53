import { errorBody, type HubspotErrorBody } from '../errors.ts';
import { upperSingular } from './scopes.ts';
import type { PropertyIssue } from './validateProperties.ts';

/** A failed CRM operation as HubSpot reports it: status + error envelope (reference §11.1). */
export interface CrmFailure {
  status: number;
  body: HubspotErrorBody;
}

/**
 * 400 VALIDATION_ERROR whose message embeds the JSON list of invalid properties, verbatim in shape to §12.6
 * (`Property values were not valid: [{"isValid":false,...}]`); `errors[]` carries the same facts per §11.1.
 */
export function propertyValidationFailure(portalId: number, issues: PropertyIssue[]): CrmFailure {
  const entries = issues.map((i) => ({
    isValid: false,
    message: i.message,
    error: i.error,
    name: i.name,
    localizedErrorMessage: i.message,
    portalId,
  }));
  return {
    status: 400,
    body: errorBody('VALIDATION_ERROR', `Property values were not valid: ${JSON.stringify(entries)}`, {
      errors: issues.map((i) => ({ message: i.message, code: i.error, context: { propertyName: [i.name] } })),
    }),
  };
}

/** 400 VALIDATION_ERROR with a plain message (bad request shape, limits). */
export function validationFailure(message: string, extra: Partial<HubspotErrorBody> = {}): CrmFailure {
  return { status: 400, body: errorBody('VALIDATION_ERROR', message, extra) };
}

/** 404 OBJECT_NOT_FOUND for a single record. Message wording [U]. */
export function notFoundFailure(message = 'Object not found.'): CrmFailure {
  return { status: 404, body: errorBody('OBJECT_NOT_FOUND', message) };
}

/** 409 CONFLICT for a duplicate unique value; the contact wording is HubSpot's ("Contact already exists. Existing ID: 123"). */
export function conflictFailure(objectType: string, property: string, existingId: string): CrmFailure {
  const message =
    objectType === 'contacts' && property === 'email'
      ? `Contact already exists. Existing ID: ${existingId}`
      : `A ${upperSingular(objectType).toLowerCase()} with this ${property} already exists. Existing ID: ${existingId}`; // [U]
  return { status: 409, body: errorBody('CONFLICT', message) };
}

/** Batch-level limit (≤ 100 inputs per CRM object batch, reference §2 [D]); wording [U]. */
export function batchLimitFailure(count: number, max = 100): CrmFailure {
  return validationFailure(`Batch input limit exceeded: ${count} inputs given, at most ${max} allowed.`);
}
