import { canonicalObjectType } from '../objectTypes.ts';
import type { AppEventType, Portal } from '../state.ts';

/**
 * App event types (timeline events of platform 2025.2 projects, reference/hubspot-platform.md §3). A portal only
 * accepts occurrences of types registered here; seeds and tests register the project's `app-events/*-hsmeta.json`.
 */

/** Registers (or replaces) an event type on a portal; returns it. */
export function registerAppEventType(portal: Portal, type: AppEventType): AppEventType {
  portal.appEventTypes.set(type.name, type);
  return type;
}

/** The `config` part of an app-event hsmeta file (hubspot-platform.md §3.1). */
export interface AppEventHsmeta {
  uid: string;
  type?: string;
  config: {
    name?: string;
    objectType: string;
    properties: { name: string; label?: string; type: string; options?: { value: string; label?: string }[] }[];
  };
}

/**
 * Builds an AppEventType from an hsmeta file. HubSpot resolves the occurrence name (`eventTypeName`) from the project
 * name and uid (`/integrators/timeline/v4/types/projects`); pass that fully qualified name, else the uid is used
 * (the docs say the uid works too [D, ambiguous]).
 */
export function appEventTypeFromHsmeta(meta: AppEventHsmeta, fullyQualifiedName?: string): AppEventType {
  return {
    name: fullyQualifiedName ?? meta.uid,
    uid: meta.uid,
    objectType: meta.config.objectType.toUpperCase(),
    properties: meta.config.properties.map((p) => ({
      name: p.name,
      type: p.type,
      ...(p.options ? { options: p.options.map((o) => ({ value: o.value })) } : {}),
    })),
  };
}

/** Finds the type an occurrence names, by fully qualified name or by uid. */
export function findAppEventType(portal: Portal, eventTypeName: string): AppEventType | undefined {
  return (
    portal.appEventTypes.get(eventTypeName) ?? [...portal.appEventTypes.values()].find((t) => t.uid === eventTypeName)
  );
}

/** CRM object type (canonical plural) an event type lives on: 'CONTACT' → 'contacts'. */
export function appEventObjectType(type: AppEventType): string | undefined {
  return canonicalObjectType(type.objectType.toLowerCase());
}
