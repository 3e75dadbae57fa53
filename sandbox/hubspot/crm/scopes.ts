/**
 * Which OAuth / private-app scopes let a caller read or write a CRM object type.
 *
 * HubSpot's granular scopes are `crm.objects.<type>.read|write` for the standard objects; tickets still use the
 * coarse `tickets` scope and products/line items the older `e-commerce` scope (accepted alongside the granular ones).
 * Engagements (meetings, tasks, notes, communications) have no scope of their own: HubSpot's activity guides list
 * the contact scopes (`crm.objects.contacts.read|write`). [U] We accept exactly those, nothing broader, so an app that
 * passes here holds what the real API asks for.
 */
export type Access = 'read' | 'write';

const ENGAGEMENTS = new Set(['meetings', 'tasks', 'notes', 'communications']);

/** The scopes of which a caller needs at least one to `access` records of `objectType` (canonical plural). */
export function objectScopes(objectType: string, access: Access): string[] {
  if (objectType === 'tickets') return ['tickets'];
  if (ENGAGEMENTS.has(objectType)) return [`crm.objects.contacts.${access}`];
  if (objectType === 'products' || objectType === 'line_items')
    return [`crm.objects.${objectType}.${access}`, 'e-commerce'];
  return [`crm.objects.${objectType}.${access}`];
}

/** HubSpot names object types in upper-case singular in some messages ("Could not get some CONTACT objects"). */
export function upperSingular(objectType: string): string {
  const singular = objectType === 'companies' ? 'company' : objectType.replace(/s$/, '');
  return singular.toUpperCase();
}
