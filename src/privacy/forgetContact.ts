import type { Db } from '../db/openDatabase.ts';

/**
 * Deletes (or scrubs) what one capability stores about a contact; returns how many rows it touched.
 * Synchronous on purpose: every cleanup runs in one SQLite transaction with the tombstone, so a GDPR delete
 * is all-or-nothing. A capability holding data outside our database (a provider) enqueues a job from here.
 */
export type ContactCleanup = (portalId: number, contactId: number) => number | undefined;

/**
 * The `forgetContact` registry (DESIGN promise on personal data; hubspot-platform.md §4.1 `contact.privacyDeletion`):
 * each capability registers a cleanup for its own tables at start-up; `forget` runs them all.
 */
export function createForgetContact(db: Db, now: () => number) {
  const cleanups = new Map<string, ContactCleanup>();
  const tombstone = db.prepare<[number, number, number]>(`INSERT INTO privacy_forgotten_contacts
    (portal_id, contact_id, forgotten_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`);
  const forgotten = db
    .prepare<[number, number], number>(
      'SELECT 1 FROM privacy_forgotten_contacts WHERE portal_id = ? AND contact_id = ?',
    )
    .pluck();

  const forgetTx = db.transaction((portalId: number, contactId: number): Record<string, number> => {
    const counts: Record<string, number> = {};
    for (const [name, cleanup] of cleanups) counts[name] = cleanup(portalId, contactId) ?? 0;
    tombstone.run(portalId, contactId, now());
    return counts;
  });

  return {
    /** Adds a capability's cleanup, under a name the audit log line shows. */
    register(name: string, cleanup: ContactCleanup): void {
      if (cleanups.has(name)) throw new Error(`forgetContact: a cleanup named ${name} is already registered`);
      cleanups.set(name, cleanup);
    },
    /** Runs every cleanup and records the tombstone, all in one transaction; rows touched per cleanup. */
    forget(portalId: number, contactId: number): Record<string, number> {
      return forgetTx.immediate(portalId, contactId);
    },
    isForgotten(portalId: number, contactId: number): boolean {
      return forgotten.get(portalId, contactId) !== undefined;
    },
  };
}

export type ForgetContact = ReturnType<typeof createForgetContact>;
