import type { PutWhatsAppAccount, SecretState, WhatsAppAccountView } from '@switchboard/contract';
import { Secret } from '../../connections/secret.ts';
import { AppError } from '../../errors.ts';
import type { WhatsAppSecretKind } from '../whatsappSecrets.ts';
import { defaultWhatsAppSettings, type WhatsAppSettings } from '../whatsappSettings.ts';
import { isoOrNull, requireInstalled, type WhatsAppAdminServiceDeps } from './adminDeps.ts';
import { applySettingsPatch, type WhatsAppSettingsPatch } from './settingsPatch.ts';

/**
 * A portal's WhatsApp connection as the settings page edits it: the business account and its numbers, the three
 * sealed secrets (access token, app secret, verify token) and the messaging settings.
 */
type Deps = Pick<
  WhatsAppAdminServiceDeps,
  'db' | 'installations' | 'accounts' | 'secrets' | 'providers' | 'publicOrigin' | 'now'
>;

const SECRET_FIELDS = [
  ['accessToken', 'token'],
  ['appSecret', 'app_secret'],
  ['verifyToken', 'verify_token'],
] as const satisfies readonly (readonly [string, WhatsAppSecretKind])[];

export function createAccountAdmin(d: Deps) {
  /** Whether a secret is stored, without ever returning it; one sealed under a retired key is 'unreadable'. */
  function secretState(portalId: number, kind: WhatsAppSecretKind): SecretState {
    try {
      return d.secrets.read(portalId, kind) === undefined ? 'missing' : 'set';
    } catch {
      return 'unreadable';
    }
  }

  function view(portalId: number): WhatsAppAccountView {
    const account = d.accounts.find(portalId);
    const secrets = {
      accessToken: account ? secretState(portalId, 'token') : 'missing',
      appSecret: account ? secretState(portalId, 'app_secret') : 'missing',
      verifyToken: account ? secretState(portalId, 'verify_token') : 'missing',
    } satisfies WhatsAppAccountView['secrets'];
    return {
      portalId,
      configured: account !== undefined,
      connected: account !== undefined && secrets.accessToken === 'set',
      businessAccountId: account?.businessAccountId ?? null,
      numbers: account?.numbers ?? [],
      secrets,
      webhook: { callbackUrl: `${d.publicOrigin.replace(/\/$/, '')}/webhooks/whatsapp/${portalId}` },
      settings: account?.settings ?? defaultWhatsAppSettings(),
      updatedAt: isoOrNull(account?.updatedAt ?? null),
    };
  }

  /** A number is global at Meta: one connected to another portal cannot be taken over (or revealed). */
  function checkNumbersFree(portalId: number, body: PutWhatsAppAccount): void {
    for (const n of body.numbers) {
      const owner = d.accounts.findByNumber(n.phoneNumberId);
      if (owner && owner.portalId !== portalId) {
        throw new AppError('conflict', `phone number ${n.phoneNumberId} is already connected to another portal`);
      }
    }
  }

  return {
    get: view,

    /**
     * Creates or replaces the account and its numbers; given secrets are sealed, omitted ones kept. The first save
     * needs the access token. Settings stay as they are (PATCH settings changes them). All or nothing.
     */
    put(portalId: number, body: PutWhatsAppAccount): WhatsAppAccountView {
      requireInstalled(d, portalId);
      const existing = d.accounts.find(portalId);
      if (!existing && body.accessToken === undefined) {
        throw new AppError('validation', 'body.accessToken: is required when WhatsApp is first connected', {
          problems: [{ field: 'body.accessToken', message: 'is required when WhatsApp is first connected' }],
        });
      }
      checkNumbersFree(portalId, body);
      const settings: WhatsAppSettings = existing?.settings ?? defaultWhatsAppSettings();
      d.db.transaction(() => {
        d.accounts.save(
          { portalId, businessAccountId: body.businessAccountId, numbers: body.numbers, settings },
          d.now(),
        );
        for (const [field, kind] of SECRET_FIELDS) {
          const value = body[field];
          if (value !== undefined) d.secrets.save(portalId, kind, new Secret(value));
        }
      })();
      d.providers.forget(portalId);
      return view(portalId);
    },

    settings(portalId: number): WhatsAppSettings {
      return d.accounts.find(portalId)?.settings ?? defaultWhatsAppSettings();
    },

    /** Changes only the given settings (the result is validated as a whole). */
    patchSettings(portalId: number, patch: WhatsAppSettingsPatch): WhatsAppSettings {
      const account = d.accounts.find(portalId);
      if (!account) {
        throw new AppError('not_found', `WhatsApp is not set up for portal ${portalId}: save the account first`);
      }
      d.accounts.updateSettings(portalId, applySettingsPatch(account.settings, patch), d.now());
      return d.accounts.find(portalId)!.settings;
    },
  };
}

export type AccountAdmin = ReturnType<typeof createAccountAdmin>;
