/** A credential the gateway may put on the wire; src/connections' Secret satisfies it (the gateway never stores one). */
export interface SecretValue {
  reveal(): string;
}

/** The token for one attempt, and whether a 401 may be answered by refreshing it (OAuth) or not (private app). */
export interface AccessGrant {
  token: SecretValue;
  canRefresh: boolean;
}

/**
 * Where the gateway gets tokens. Implemented by src/connections (credentials.ts), which owns the vault,
 * the refresh-ahead and the re-authorization state; the gateway only asks and reports.
 */
export interface PortalCredentials {
  /** Throws the same AppError as accessToken would for a portal that cannot call HubSpot, without decrypting. */
  assertUsable(portalId: number): void;
  /** A usable token; throws AppError `needs_reauthorization` / `not_found` for portals that cannot call HubSpot. */
  accessToken(portalId: number): Promise<AccessGrant>;
  /** HubSpot answered 401 to `rejected`: refresh once (shared by every caller that saw the same token). */
  refreshAfterRejection(portalId: number, rejected: SecretValue): Promise<void>;
  /** A token that cannot be refreshed was refused for good: pause the portal with this reason. */
  rejectedForGood(portalId: number, reason: string): void;
}
