import type { ProviderFailure } from '../whatsapp/classifyProviderError.ts';
import type { WhatsAppProvider } from '../whatsapp/provider.ts';
import type { TemplatesRepo } from './templatesRepo.ts';

/**
 * Template sync (issue 7 §2): every page of the provider's list is stored; a synced template that is no
 * longer listed becomes DELETED (kept, with its mapping, so history still reads; sends are refused).
 * Manually registered templates are left alone.
 */
export type SyncReport =
  | { ok: true; added: number; updated: number; deleted: number; skipped: string[] }
  | { ok: false; failure: ProviderFailure };

export async function syncTemplates(
  provider: WhatsAppProvider,
  repo: TemplatesRepo,
  portalId: number,
  now: number,
): Promise<SyncReport> {
  const listed = await provider.listTemplates();
  if (!listed.ok) return listed;
  const report = { ok: true as const, added: 0, updated: 0, deleted: 0, skipped: listed.skipped };
  const seen = new Set<string>();
  for (const template of listed.templates) {
    seen.add(`${template.name}\u0000${template.language}`);
    report[repo.saveSynced(portalId, template, now)] += 1;
  }
  for (const stored of repo.list(portalId)) {
    if (stored.source !== 'synced' || seen.has(`${stored.name}\u0000${stored.language}`)) continue;
    if (repo.markDeleted(portalId, stored.name, stored.language, now)) report.deleted += 1;
  }
  return report;
}
