import { z } from 'zod';

/**
 * The admin API (`/admin/*`): used by the operator (bearer token) and by the app's settings page and cards
 * (HubSpot-signed, `?portalId=` naming their portal). Request schemas are what the server parses; the
 * response types are what it answers. Tokens appear only in requests, never in a response.
 */

/** A private-app access token as HubSpot shows it (`pat-na1-…`) [U: exact alphabet]. */
export const PrivateAppToken = z
  .string()
  .trim()
  .max(512, 'is longer than any HubSpot token')
  .regex(/^pat-[a-z0-9]+-[A-Za-z0-9-]+$/, 'must be a private-app access token (pat-…)');

export const AddConnectionBody = z.object({
  /** A label people recognise: "Production HubSpot", "Sandbox". */
  name: z.string().trim().min(1).max(100),
  token: PrivateAppToken,
});
export type AddConnectionBody = z.input<typeof AddConnectionBody>;

export const RotateCredentialsBody = z.object({ token: PrivateAppToken });

export const FieldObjectType = z.enum(['contacts', 'companies', 'deals']);
export const FieldsQuery = z.object({ objectType: FieldObjectType.optional() });

/** What an external system may do with a key; each external route asks for one. */
export const ApiKeyScope = z.enum(['orders', 'sessions']);
export type ApiKeyScope = z.infer<typeof ApiKeyScope>;
export const CreateApiKeyBody = z.object({ name: z.string().trim().min(1).max(100), scope: ApiKeyScope });
export type CreateApiKeyBody = z.input<typeof CreateApiKeyBody>;

export const PortalIdParam = z.coerce.number().int().positive();

export interface ConnectionView {
  portalId: number;
  name: string | null;
  authKind: 'oauth' | 'private';
  status: 'active' | 'needs_reauthorization' | 'uninstalled';
  statusReason: string | null;
  hubDomain: string | null;
  tier: 'free_or_starter' | 'professional_or_enterprise' | 'api_limit_increase' | null;
  scopes: string[];
  missingScopes: string[];
  installedAt: string;
  updatedAt: string;
}

export interface ApiKeyView {
  id: number;
  name: string;
  scope: string;
  /** The first characters of the key, to tell keys apart. */
  keyPrefix: string;
  createdAt: string;
  revokedAt: string | null;
}

/** Answer to creating a key: the only time `key` is ever shown. */
export interface CreatedApiKey extends ApiKeyView {
  key: string;
}
