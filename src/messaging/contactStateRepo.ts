import type { Db } from '../db/openDatabase.ts';

/**
 * All SQL about whatsapp_contacts: per WhatsApp user of a portal (keyed by E.164 phone), consent per
 * category, opt-out, and the last inbound message that opens the 24-hour window (reference/whatsapp.md §3).
 */

export type ConsentState = 'granted' | 'revoked' | 'unknown';
export type ConsentCategory = 'marketing' | 'utility';
export interface Consent {
  state: ConsentState;
  at: number | null;
  source: string | null;
}
/** 'all': no business-initiated messages at all (STOP); 'marketing': no marketing templates (131050, §3). */
export interface OptOut {
  scope: 'all' | 'marketing';
  at: number;
  source: string;
}

export interface ContactState {
  portalId: number;
  phone: string;
  contactId: string | null;
  consent: Record<ConsentCategory, Consent>;
  optOut: OptOut | null;
  lastInboundAt: number | null;
  lastInboundNumberId: string | null;
  profileName: string | null;
  updatedAt: number;
}

interface Row {
  portal_id: number;
  phone: string;
  contact_id: string | null;
  marketing_consent: ConsentState;
  marketing_consent_at: number | null;
  marketing_consent_source: string | null;
  utility_consent: ConsentState;
  utility_consent_at: number | null;
  utility_consent_source: string | null;
  opt_out_scope: 'all' | 'marketing' | null;
  opted_out_at: number | null;
  opt_out_source: string | null;
  last_inbound_at: number | null;
  last_inbound_number_id: string | null;
  profile_name: string | null;
  updated_at: number;
}

const toState = (r: Row): ContactState => ({
  portalId: r.portal_id,
  phone: r.phone,
  contactId: r.contact_id,
  consent: {
    marketing: { state: r.marketing_consent, at: r.marketing_consent_at, source: r.marketing_consent_source },
    utility: { state: r.utility_consent, at: r.utility_consent_at, source: r.utility_consent_source },
  },
  optOut:
    r.opt_out_scope && r.opted_out_at !== null
      ? { scope: r.opt_out_scope, at: r.opted_out_at, source: r.opt_out_source ?? '' }
      : null,
  lastInboundAt: r.last_inbound_at,
  lastInboundNumberId: r.last_inbound_number_id,
  profileName: r.profile_name,
  updatedAt: r.updated_at,
});

/** A contact nobody has told us anything about yet. */
export const unknownContactState = (portalId: number, phone: string): ContactState => ({
  portalId,
  phone,
  contactId: null,
  consent: {
    marketing: { state: 'unknown', at: null, source: null },
    utility: { state: 'unknown', at: null, source: null },
  },
  optOut: null,
  lastInboundAt: null,
  lastInboundNumberId: null,
  profileName: null,
  updatedAt: 0,
});

type Key = { portalId: number; phone: string; now: number };

export function createContactStateRepo(db: Db) {
  const ensure = db.prepare(
    'INSERT OR IGNORE INTO whatsapp_contacts (portal_id, phone, updated_at) VALUES (@portalId, @phone, @now)',
  );
  const findStmt = db.prepare<[number, string], Row>(
    'SELECT * FROM whatsapp_contacts WHERE portal_id = ? AND phone = ?',
  );
  const byContact = db.prepare<[number, string], Row>(
    'SELECT * FROM whatsapp_contacts WHERE portal_id = ? AND contact_id = ? ORDER BY phone',
  );
  const where = 'WHERE portal_id = @portalId AND phone = @phone';
  const consentStmt = {
    marketing: db.prepare(`UPDATE whatsapp_contacts SET marketing_consent = @state, marketing_consent_at = @now,
      marketing_consent_source = @source, updated_at = @now ${where}`),
    utility: db.prepare(`UPDATE whatsapp_contacts SET utility_consent = @state, utility_consent_at = @now,
      utility_consent_source = @source, updated_at = @now ${where}`),
  };
  // A full opt-out is never narrowed to marketing by a later 131050; the first opt-out time stays.
  const optOutStmt = db.prepare(`UPDATE whatsapp_contacts SET
      opt_out_scope = CASE WHEN opt_out_scope = 'all' THEN 'all' ELSE @scope END,
      opted_out_at = COALESCE(CASE WHEN opt_out_scope = @scope OR opt_out_scope = 'all' THEN opted_out_at END, @now),
      opt_out_source = CASE WHEN opt_out_scope = 'all' THEN opt_out_source ELSE @source END, updated_at = @now ${where}`);
  const clearOptOutStmt = db.prepare(
    `UPDATE whatsapp_contacts SET opt_out_scope = NULL, opted_out_at = NULL, opt_out_source = NULL, updated_at = @now ${where}`,
  );
  // Webhooks arrive out of order (§3): the window only ever moves later.
  const inboundStmt = db.prepare(`UPDATE whatsapp_contacts SET
      last_inbound_number_id = CASE WHEN last_inbound_at IS NULL OR last_inbound_at <= @at THEN @numberId ELSE last_inbound_number_id END,
      last_inbound_at = MAX(COALESCE(last_inbound_at, 0), @at),
      profile_name = COALESCE(@profileName, profile_name), updated_at = @now ${where}`);
  const linkStmt = db.prepare(`UPDATE whatsapp_contacts SET contact_id = @contactId, updated_at = @now ${where}`);

  const write = (stmt: { run(p: object): unknown }, params: Key & Record<string, unknown>): void => {
    db.transaction(() => {
      ensure.run(params);
      stmt.run(params);
    })();
  };

  return {
    find(portalId: number, phone: string): ContactState | undefined {
      const row = findStmt.get(portalId, phone);
      return row ? toState(row) : undefined;
    },
    findByContact: (portalId: number, contactId: string): ContactState[] =>
      byContact.all(portalId, contactId).map(toState),
    recordConsent(k: Key, category: ConsentCategory, state: ConsentState, source: string): void {
      write(consentStmt[category], { ...k, state, source });
    },
    recordOptOut(k: Key, scope: OptOut['scope'], source: string): void {
      write(optOutStmt, { ...k, scope, source });
    },
    clearOptOut(k: Key): void {
      write(clearOptOutStmt, k);
    },
    recordInbound(k: Key, at: number, numberId: string, profileName?: string): void {
      write(inboundStmt, { ...k, at, numberId, profileName: profileName ?? null });
    },
    linkContact(k: Key, contactId: string): void {
      write(linkStmt, { ...k, contactId });
    },
  };
}

export type ContactStateRepo = ReturnType<typeof createContactStateRepo>;
