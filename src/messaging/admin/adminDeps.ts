import type { InstallationsRepo } from '../../connections/installationsRepo.ts';
import type { Db } from '../../db/openDatabase.ts';
import { AppError } from '../../errors.ts';
import type { CampaignEngine } from '../campaigns/engine.ts';
import type { CampaignsRepo } from '../campaigns/campaignsRepo.ts';
import type { EnrollmentsRepo } from '../campaigns/enrollmentsRepo.ts';
import type { MetricsRepo } from '../metricsRepo.ts';
import type { PortalProviders } from '../portalProviders.ts';
import type { PrivacyRepo } from '../privacyRepo.ts';
import type { TemplatesRepo } from '../templatesRepo.ts';
import type { WhatsAppAccountsRepo } from '../whatsappAccountsRepo.ts';
import type { WhatsAppSecrets } from '../whatsappSecrets.ts';

/** A HubSpot property as field discovery cached it (src/connections/fieldDiscovery.ts). */
export interface KnownField {
  name: string;
  type: string;
}

/** The portal's discovered contact and deal properties; refreshed once when nothing was discovered yet. */
export interface FieldSource {
  list(portalId: number, objectType: 'contacts' | 'deals'): KnownField[];
  refresh(portalId: number, o: { priority: 'interactive' }): Promise<unknown>;
}

/** What the WhatsApp admin service needs; every repository is the real one over the service's database. */
export interface WhatsAppAdminServiceDeps {
  /** For the transaction around account + secrets and the paged enrollment reads. */
  db: Db;
  installations: Pick<InstallationsRepo, 'find'>;
  accounts: WhatsAppAccountsRepo;
  secrets: Pick<WhatsAppSecrets, 'save' | 'read'>;
  providers: Pick<PortalProviders, 'require' | 'forget'>;
  templates: TemplatesRepo;
  fields: FieldSource;
  campaigns: CampaignsRepo;
  enrollments: Pick<EnrollmentsRepo, 'find'>;
  engine: Pick<CampaignEngine, 'enroll'>;
  metrics: MetricsRepo;
  privacy: PrivacyRepo;
  /** The service's public origin: Meta's webhook callback URL is built on it. */
  publicOrigin: string;
  now: () => number;
}

/** Writes need an installed portal (every WhatsApp table hangs off installations). */
export function requireInstalled(deps: Pick<WhatsAppAdminServiceDeps, 'installations'>, portalId: number): void {
  const installation = deps.installations.find(portalId);
  if (!installation || installation.status === 'uninstalled') {
    throw new AppError('not_found', `portal ${portalId} is not installed`);
  }
}

export const iso = (ms: number): string => new Date(ms).toISOString();
export const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));

/** A 400 naming every problem, in the shape the edge's parser uses (`details.problems`). */
export function invalid(problems: { field: string; message: string }[]): AppError {
  return new AppError('validation', problems.map((p) => `${p.field}: ${p.message}`).join('; '), { problems });
}
