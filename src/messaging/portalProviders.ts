import { AppError } from '../errors.ts';
import { createMetaCloudProvider } from '../whatsapp/metaCloudProvider.ts';
import { withSendGate } from '../whatsapp/pacedProvider.ts';
import type { WhatsAppProvider } from '../whatsapp/provider.ts';
import { DEFAULT_GATE, SendGate } from '../whatsapp/sendGate.ts';
import type { WhatsAppAccount, WhatsAppAccountsRepo } from './whatsappAccountsRepo.ts';
import type { WhatsAppSecrets } from './whatsappSecrets.ts';

/**
 * Each portal's WhatsApp connection as the rest of messaging sees it: its account (numbers, settings) and a
 * provider built from the token in the vault, wrapped in the one send gate of this process so the card, the
 * workflow action and campaigns share each number's throughput (reference/whatsapp.md §3). Providers are cached
 * per portal and rebuilt when the account or its secrets change (`forget`).
 */
export interface PortalProvidersDeps {
  accounts: Pick<WhatsAppAccountsRepo, 'find' | 'findByNumber'>;
  secrets: Pick<WhatsAppSecrets, 'read'>;
  graph: { baseUrl: string; version: string };
  /** Injected in tests; the real clock otherwise. */
  clock?: { now(): number; sleep(ms: number): Promise<void> };
  fetch?: typeof fetch;
}

export interface PortalConnection {
  account: WhatsAppAccount;
  provider: WhatsAppProvider;
}

/** Longest wait for the send gate inside a request or job; throughput waits stay below it (sendGate.ts). */
export const MAX_GATE_WAIT_MS = 1_000;

const realClock = {
  now: () => Date.now(),
  sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
};

export function createPortalProviders(deps: PortalProvidersDeps) {
  const clock = deps.clock ?? realClock;
  const throughputOf = (numberId: string) => deps.accounts.findByNumber(numberId)?.number.throughputPerSecond ?? 80;
  const gate = new SendGate(DEFAULT_GATE, throughputOf);
  const cache = new Map<number, WhatsAppProvider>();

  function build(account: WhatsAppAccount): WhatsAppProvider | undefined {
    const token = deps.secrets.read(account.portalId, 'token');
    if (!token) return undefined;
    const meta = createMetaCloudProvider({
      baseUrl: deps.graph.baseUrl,
      version: deps.graph.version,
      businessAccountId: account.businessAccountId,
      accessToken: token,
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
    });
    // A pair-interval wait frees the caller (a job defers, the card shows "queued") instead of holding it 6 s.
    return withSendGate(meta, gate, clock, { maxWaitMs: MAX_GATE_WAIT_MS });
  }

  /** The portal's account and provider, or undefined while WhatsApp is not connected (no account or no token). */
  function find(portalId: number): PortalConnection | undefined {
    const account = deps.accounts.find(portalId);
    if (!account) return undefined;
    let provider = cache.get(portalId);
    if (!provider) {
      provider = build(account);
      if (!provider) return undefined;
      cache.set(portalId, provider);
    }
    return { account, provider };
  }

  return {
    find,
    /** Like find, but a portal without WhatsApp is a clear 4xx-able error. */
    require(portalId: number): PortalConnection {
      const found = find(portalId);
      if (!found) {
        throw new AppError(
          'not_configured',
          `WhatsApp is not connected for portal ${portalId}: add the business account and access token in Switchboard settings`,
        );
      }
      return found;
    },
    /** Drops the cached provider after the account or its secrets changed. */
    forget(portalId: number): void {
      cache.delete(portalId);
    },
  };
}

export type PortalProviders = ReturnType<typeof createPortalProviders>;
