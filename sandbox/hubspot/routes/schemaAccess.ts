import type { Response } from 'express';
import { callerOf, requireScope } from '../auth.ts';
import { sendError } from '../errors.ts';
import type { FieldProblem } from '../propertySchema.ts';
import { canonicalObjectType } from '../objectTypes.ts';
import type { Portal, SandboxState } from '../state.ts';

/** Shared steps of the schema routes (properties, groups, pipelines): portal, object type, scopes, 400 bodies. */

/** The caller's portal (authenticate has already checked it exists). */
export function callerPortal(state: SandboxState, res: Response): Portal {
  return state.portal(callerOf(res).portalId)!;
}

/** Canonical plural type for a path segment, or a 400 like HubSpot's "Unable to infer object type" [U: wording]. */
export function resolveObjectType(res: Response, segment: string): string | undefined {
  const type = canonicalObjectType(segment);
  if (!type) sendError(res, 400, 'VALIDATION_ERROR', `Unable to infer object type from: ${segment}`);
  return type;
}

// Scopes that also unlock a type's schema when it has no crm.schemas.<type>.* scope of its own [U].
const EXTRA_SCOPES: Record<string, string[]> = {
  tickets: ['tickets'],
  products: ['e-commerce'],
  line_items: ['e-commerce'],
  meetings: ['crm.objects.contacts.read', 'crm.objects.contacts.write'],
  tasks: ['crm.objects.contacts.read', 'crm.objects.contacts.write'],
  notes: ['crm.objects.contacts.read', 'crm.objects.contacts.write'],
  communications: ['crm.objects.contacts.read', 'crm.objects.contacts.write'],
};

/**
 * Reading a schema: any read/write scope of the object type. Changing it: `crm.schemas.<type>.write`
 * ("Create, delete, or make changes to property settings"); engagement types fall back to contacts write [U].
 */
export function requireSchemaScope(res: Response, type: string, access: 'read' | 'write'): boolean {
  const extra = EXTRA_SCOPES[type] ?? [];
  const scopes =
    access === 'read'
      ? [
          `crm.schemas.${type}.read`,
          `crm.schemas.${type}.write`,
          `crm.objects.${type}.read`,
          `crm.objects.${type}.write`,
          ...extra,
        ]
      : [`crm.schemas.${type}.write`, ...extra.filter((s) => s.endsWith('.write') || !s.includes('.'))];
  return requireScope(res, scopes);
}

/** 400 VALIDATION_ERROR whose message and errors[] name every offending field (reference §11.1). */
export function sendValidation(res: Response, problems: FieldProblem[], what = 'input'): void {
  sendError(
    res,
    400,
    'VALIDATION_ERROR',
    `Invalid ${what}: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`,
    {
      errors: problems.map((p) => ({ message: p.message, code: p.code, context: { propertyName: [p.field] } })),
    },
  );
}

/** Body of a JSON request as a plain object (Express leaves it undefined without a JSON content type). */
export function bodyObject(body: unknown): Record<string, unknown> {
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}
