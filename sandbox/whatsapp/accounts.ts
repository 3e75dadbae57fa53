import { DEFAULT_APP_ID, type WhatsAppSandboxState } from './state.ts';
import type { MetaApp, PhoneNumber, Waba } from './types.ts';

/**
 * Control functions for who exists: Meta apps (webhook callback + app secret), business accounts, their
 * phone numbers and access tokens. Plain TS; routes/control.ts exposes the same over HTTP.
 */

/** Creates a WhatsApp Business Account subscribed to an app (default: the sandbox's default app). */
export function createWaba(
  state: WhatsAppSandboxState,
  input: { id?: string; name?: string; appId?: string } = {},
): Waba {
  const id = input.id ?? state.ids.numeric();
  const appId = input.appId ?? DEFAULT_APP_ID;
  if (state.wabas.has(id)) throw new Error(`WABA ${id} already exists`);
  if (!state.apps.has(appId)) throw new Error(`app ${appId} does not exist`);
  const waba: Waba = { id, name: input.name ?? `Sandbox business ${id}`, appId };
  state.wabas.set(id, waba);
  return waba;
}

/** Registers a phone number on a WABA. The display number is stored as digits, as webhooks carry it. */
export function addPhoneNumber(
  state: WhatsAppSandboxState,
  wabaId: string,
  input: { id?: string; displayPhoneNumber: string; verifiedName?: string; throughputPerSecond?: number },
): PhoneNumber {
  const waba = requireWaba(state, wabaId);
  const id = input.id ?? state.ids.numeric();
  if (state.phoneNumbers.has(id)) throw new Error(`phone number ${id} already exists`);
  const digits = input.displayPhoneNumber.replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 15)
    throw new Error(`display number ${input.displayPhoneNumber} is not E.164`);
  const phone: PhoneNumber = {
    id,
    wabaId: waba.id,
    displayPhoneNumber: digits,
    verifiedName: input.verifiedName ?? waba.name,
    throughputPerSecond: input.throughputPerSecond ?? 80, // M-thru default
  };
  state.phoneNumbers.set(id, phone);
  return phone;
}

/** Issues an access token that can act on one WABA (and its numbers and templates). */
export function issueToken(
  state: WhatsAppSandboxState,
  wabaId: string,
  input: { token?: string; expiresAt?: number } = {},
): string {
  requireWaba(state, wabaId);
  const token = input.token ?? state.ids.token();
  state.tokens.set(token, {
    token,
    wabaId,
    revoked: false,
    ...(input.expiresAt !== undefined ? { expiresAt: input.expiresAt } : {}),
  });
  return token;
}

/** Revokes a token: later calls with it get 190. */
export function revokeToken(state: WhatsAppSandboxState, token: string): void {
  const grant = state.tokens.get(token);
  if (!grant) throw new Error('unknown token');
  grant.revoked = true;
}

/** Adds another Meta app (another secret and callback URL) that WABAs can subscribe to. */
export function createMetaApp(state: WhatsAppSandboxState, input: Partial<MetaApp> & { appSecret: string }): MetaApp {
  const app: MetaApp = { ...input, id: input.id ?? state.ids.numeric() };
  state.apps.set(app.id, app);
  return app;
}

/**
 * Sets an app's callback URL without the GET handshake (tests that do not care). Meta's dashboard only saves
 * a URL that passes the handshake: use `subscribeWebhook` (handshake.ts) to model that.
 */
export function setWebhook(
  state: WhatsAppSandboxState,
  input: { url: string | undefined; verifyToken?: string; appSecret?: string; appId?: string },
): MetaApp {
  const app = state.apps.get(input.appId ?? DEFAULT_APP_ID);
  if (!app) throw new Error(`app ${input.appId} does not exist`);
  if (input.url === undefined) delete app.webhookUrl;
  else app.webhookUrl = input.url;
  if (input.verifyToken !== undefined) app.verifyToken = input.verifyToken;
  if (input.appSecret !== undefined) app.appSecret = input.appSecret;
  return app;
}

export function requireWaba(state: WhatsAppSandboxState, wabaId: string): Waba {
  const waba = state.wabas.get(wabaId);
  if (!waba) throw new Error(`WABA ${wabaId} does not exist`);
  return waba;
}

export function requirePhone(state: WhatsAppSandboxState, phoneNumberId: string): PhoneNumber {
  const phone = state.phoneNumbers.get(phoneNumberId);
  if (!phone) throw new Error(`phone number ${phoneNumberId} does not exist`);
  return phone;
}
