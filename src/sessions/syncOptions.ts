import { z } from 'zod';

/**
 * Per-portal sync options (issue 8 §4), set on the app settings page; a portal that never saved any gets
 * DEFAULT_SYNC_OPTIONS. Changing a deal's stage from a conversation is opt-in: a wrong stage moves a forecast.
 */
export const SyncFrequency = z.enum(['realtime', 'hourly', 'daily']);
export type SyncFrequency = z.infer<typeof SyncFrequency>;

export const DealAssociationMode = z.enum(['contactsOpenDeals', 'companyDomain', 'none']);
export type DealAssociationMode = z.infer<typeof DealAssociationMode>;

export const SyncOptions = z.object({
  /** Sync finished sessions without a person asking (otherwise they wait for "Sync" on the card). */
  autoSync: z.boolean().default(true),
  createTasks: z.boolean().default(true),
  updateEngagementScore: z.boolean().default(true),
  frequency: SyncFrequency.default('realtime'),
  /** Deals the meeting is associated with: the matched contacts' open deals, or the open deals of their companies. */
  dealAssociation: DealAssociationMode.default('contactsOpenDeals'),
  allowDealStageUpdate: z.boolean().default(false),
  /** Participants whose email belongs to a HubSpot user (owner) are the portal's own people, not contacts. */
  skipInternalParticipants: z.boolean().default(true),
});
export type SyncOptions = z.infer<typeof SyncOptions>;

export const DEFAULT_SYNC_OPTIONS: SyncOptions = SyncOptions.parse({});

/**
 * When a session received at `receivedAt` should be synced: now (realtime), at the next full hour, or at the
 * next midnight UTC (daily) [M: UTC, the portal's time zone is not known here]. Null: not automatically.
 */
export function scheduledSyncAt(options: SyncOptions, receivedAt: number): number | null {
  if (!options.autoSync) return null;
  if (options.frequency === 'realtime') return receivedAt;
  const unit = options.frequency === 'hourly' ? 3_600_000 : 86_400_000;
  return Math.floor(receivedAt / unit) * unit + unit;
}
