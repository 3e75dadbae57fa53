import type { TokenVault } from '../../connections/tokenVault.ts';
import type { Db } from '../../db/openDatabase.ts';
import { createStatusUpdates } from '../applyStatusEvent.ts';
import { createCampaignsRepo } from '../campaigns/campaignsRepo.ts';
import { createEnrollmentsRepo } from '../campaigns/enrollmentsRepo.ts';
import { createContactStateRepo } from '../contactStateRepo.ts';
import { createMessageStore } from '../messageStore.ts';
import { createMetricsRepo } from '../metricsRepo.ts';
import { createPrivacyRepo } from '../privacyRepo.ts';
import { createProviderEventHandler } from '../providerEvents.ts';
import { createStatusHistoryRepo } from '../statusHistoryRepo.ts';
import { createTemplatesRepo } from '../templatesRepo.ts';
import { createWhatsAppAccountsRepo } from '../whatsappAccountsRepo.ts';
import { createWhatsAppSecrets } from '../whatsappSecrets.ts';

/** Every WhatsApp repository over one database, built once by the composition root (and by tests). */
export function createMessagingStores(db: Db, vault: TokenVault, now: () => number) {
  const store = createMessageStore(db);
  const history = createStatusHistoryRepo(db);
  const statuses = createStatusUpdates({ db, store, history });
  const contacts = createContactStateRepo(db);
  return {
    db,
    store,
    history,
    statuses,
    contacts,
    accounts: createWhatsAppAccountsRepo(db),
    secrets: createWhatsAppSecrets(db, vault, now),
    templates: createTemplatesRepo(db),
    campaigns: createCampaignsRepo(db),
    enrollments: createEnrollmentsRepo(db),
    metrics: createMetricsRepo(db),
    privacy: createPrivacyRepo(db),
    events: createProviderEventHandler({ db, store, statuses, contacts, now }),
  };
}

export type MessagingStores = ReturnType<typeof createMessagingStores>;
