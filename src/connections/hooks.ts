/**
 * What the rest of the service hears about a portal's connection. The composition root subscribes the job queue
 * (pause the portal's work while it needs re-authorization, resume it afterwards), so the connections capability
 * never imports the queue. A listener that throws is logged; it never undoes the status change.
 */
export interface ConnectionHooks {
  /** The portal can no longer call HubSpot until someone reconnects it; `reason` is shown to people. */
  onNeedsReauthorization(portalId: number, reason: string): void | Promise<void>;
  /** The portal works again (reinstalled, or its private-app token replaced). */
  onReauthorized(portalId: number): void | Promise<void>;
  /**
   * Credentials were stored: an OAuth install or reinstall, a private-app connection added or its token rotated.
   * Capabilities set the portal up here (the orders capability provisions its deal properties).
   */
  onConnected(portalId: number, how: { reinstall: boolean; authKind: 'oauth' | 'private' }): void | Promise<void>;
}

interface HookLogger {
  error(obj: object, msg: string): void;
}

/** The hooks the connections code fires, plus `subscribe` for whoever listens (added at any time). */
export function createConnectionHooks(logger: HookLogger): ConnectionHooks & {
  subscribe(listener: Partial<ConnectionHooks>): () => void;
} {
  const listeners = new Set<Partial<ConnectionHooks>>();
  const fire = <K extends keyof ConnectionHooks>(name: K, args: Parameters<ConnectionHooks[K]>) => {
    for (const l of listeners) {
      const fn = l[name] as ((...a: typeof args) => void | Promise<void>) | undefined;
      if (!fn) continue;
      const log = (err: unknown) => logger.error({ err, hook: name, portalId: args[0] }, 'connection hook failed');
      try {
        const result = fn(...args);
        if (result instanceof Promise) result.catch(log);
      } catch (err) {
        log(err);
      }
    }
  };
  return {
    onNeedsReauthorization: (portalId, reason) => fire('onNeedsReauthorization', [portalId, reason]),
    onReauthorized: (portalId) => fire('onReauthorized', [portalId]),
    onConnected: (portalId, how) => fire('onConnected', [portalId, how]),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
