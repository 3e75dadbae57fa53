/**
 * Which handler wants which event: data, filled in by capabilities at start-up (orders subscribe to
 * `deal.propertyChange` of `dealstage`, privacy to `contact.privacyDeletion`). A handler name is also the job
 * type that runs it. Events no handler wants are acknowledged and not stored: we keep no data we do not use.
 */
export interface WebhookRoute {
  /** `<objectType>.<action>` after normalisation: `deal.propertyChange` also matches generic `object.*` events. */
  event: string;
  /** Only for propertyChange: the property this route is about. Omitted = every property. */
  propertyName?: string;
}

const EVENT_PATTERN = /^[\w-]+\.\w+$/;

export function createWebhookRouting() {
  const byEvent = new Map<string, { propertyName?: string; handler: string }[]>();
  const none: readonly string[] = [];

  return {
    /** Sends events matching `route` to `handler`. The same route twice for one handler is a wiring bug. */
    add(route: WebhookRoute, handler: string): void {
      if (!EVENT_PATTERN.test(route.event)) throw new Error(`webhook route: "${route.event}" is not objectType.action`);
      const list = byEvent.get(route.event) ?? [];
      if (list.some((r) => r.handler === handler && r.propertyName === route.propertyName)) {
        throw new Error(`webhook route: ${route.event} → ${handler} is already registered`);
      }
      list.push({ propertyName: route.propertyName, handler });
      byEvent.set(route.event, list);
    },

    /** The handlers an event goes to, each once. Called per event on the request path: no allocation when none. */
    handlersFor(objectType: string, action: string, propertyName: string | undefined): readonly string[] {
      const list = byEvent.get(`${objectType}.${action}`);
      if (!list) return none;
      const handlers: string[] = [];
      for (const r of list) {
        if (r.propertyName !== undefined && r.propertyName !== propertyName) continue;
        if (!handlers.includes(r.handler)) handlers.push(r.handler);
      }
      return handlers;
    },
  };
}

export type WebhookRouting = ReturnType<typeof createWebhookRouting>;
