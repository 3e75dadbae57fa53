/**
 * "Uninstall/disconnect deletes the tokens and that portal's stored personal data." Each capability that stores
 * something about a portal registers one cleanup here (tokens, discovered fields, API keys now; orders, messages
 * and sessions in later issues), so disconnecting can never forget a table it does not know about.
 */
export type PortalCleanup = (portalId: number) => number | Promise<number>;

export interface ForgetReport {
  portalId: number;
  /** Rows (or items) removed per registered cleanup. */
  removed: Record<string, number>;
}

export function createForgetRegistry() {
  const cleanups: { name: string; run: PortalCleanup }[] = [];
  return {
    /** Adds a cleanup; names must be unique so the report is unambiguous. */
    register(name: string, run: PortalCleanup): void {
      if (cleanups.some((c) => c.name === name)) throw new Error(`forgetPortal: '${name}' is registered twice`);
      cleanups.push({ name, run });
    },
    names: (): string[] => cleanups.map((c) => c.name),
    /** Runs every cleanup in registration order; the first failure stops and is thrown (run again to finish). */
    async forget(portalId: number): Promise<ForgetReport> {
      const removed: Record<string, number> = {};
      for (const c of cleanups) removed[c.name] = await c.run(portalId);
      return { portalId, removed };
    },
  };
}

export type ForgetRegistry = ReturnType<typeof createForgetRegistry>;
