import { randomBytes } from 'node:crypto';
import { DEFAULT_GROUPS, DEFAULT_PROPERTIES, defaultPipelines, optionOf } from './defaults.ts';
import type {
  OAuthClient,
  Owner,
  Portal,
  PropertyDefinition,
  PropertyGroup,
  SandboxState,
  StoredObject,
  Tier,
} from './state.ts';

/** Building blocks of the sandbox world: portals with HubSpot's standard schema, tokens and OAuth clients. */

export interface CreatePortalInput {
  id: number;
  name?: string;
  domain?: string;
  timezone?: string;
  tier?: Tier;
  appEventsEnabled?: boolean;
  apiLimitIncrease?: boolean;
}

/** Creates (or replaces) a portal with the standard property groups, properties and pipelines installed. */
export function createPortal(state: SandboxState, input: CreatePortalInput): Portal {
  const at = new Date(state.now()).toISOString();
  const portal: Portal = {
    id: input.id,
    name: input.name ?? `Portal ${input.id}`,
    domain: input.domain ?? `portal-${input.id}.example.com`,
    timezone: input.timezone ?? 'UTC',
    tier: input.tier ?? 'professional',
    appEventsEnabled: input.appEventsEnabled ?? true,
    objects: new Map(),
    nextId: 1000,
    properties: new Map(),
    propertyGroups: new Map(),
    pipelines: defaultPipelines(),
    owners: [],
    associations: [],
    appEventTypes: new Map(),
    timeline: [],
    callbacks: [],
    faults: [],
    dailyCalls: { day: '', count: 0 },
    apiLimitIncrease: input.apiLimitIncrease ?? false,
  };
  installStandardSchema(portal, at);
  state.portals.set(portal.id, portal);
  return portal;
}

function installStandardSchema(portal: Portal, at: string): void {
  for (const [type, groups] of Object.entries(DEFAULT_GROUPS)) {
    const groupMap = new Map<string, PropertyGroup>();
    groups.forEach(([name, label], displayOrder) => {
      groupMap.set(name, { name, label, displayOrder, archived: false });
    });
    portal.propertyGroups.set(type, groupMap);
    portal.objects.set(type, new Map());
    const groupName = groups[0]![0];
    const props = new Map<string, PropertyDefinition>();
    (DEFAULT_PROPERTIES[type] ?? []).forEach(([name, label, type_, fieldType, options, flags], displayOrder) => {
      props.set(name, {
        name,
        label,
        groupName,
        type: type_,
        fieldType,
        description: '',
        options: (options ?? []).map(optionOf),
        hubspotDefined: true,
        displayOrder,
        externalOptions: flags?.external ?? false,
        readOnlyValue: flags?.readOnly ?? false,
        hasUniqueValue: name === 'hs_object_id',
        createdAt: at,
        updatedAt: at,
      });
    });
    portal.properties.set(type, props);
  }
}

/** The record store of one object type, created on first use. */
export function ensureObjectStore(portal: Portal, type: string): Map<string, StoredObject> {
  let store = portal.objects.get(type);
  if (!store) {
    store = new Map();
    portal.objects.set(type, store);
  }
  return store;
}

/** Issues a private-app access token (`pat-na1-…`): never expires; each call makes a separate private app. */
export function issuePrivateAppToken(
  state: SandboxState,
  portalId: number,
  scopes: string[],
  opts: { appId?: number } = {},
): string {
  if (!state.portals.has(portalId)) throw new Error(`unknown portal ${portalId}`);
  const token = `pat-na1-${uuidLike()}`;
  const appId = opts.appId ?? 1_000_000 + Math.floor(Math.random() * 8_999_999);
  state.accessTokens.set(token, {
    token,
    kind: 'private',
    portalId,
    appId,
    scopes: [...scopes],
    expiresAt: Number.POSITIVE_INFINITY,
  });
  return token;
}

/** Registers (or replaces) an OAuth client of a public app. */
export function registerOAuthClient(state: SandboxState, client: OAuthClient): OAuthClient {
  const copy = { ...client, redirectUrls: [...client.redirectUrls] };
  state.clients.set(copy.clientId, copy);
  return copy;
}

/** Adds an owner (a HubSpot user) to a portal; ids are numeric strings like HubSpot's. */
export function addOwner(portal: Portal, owner: Partial<Owner> & { email: string }): Owner {
  const id = owner.id ?? String(100_000 + portal.owners.length + 1);
  const full: Owner = {
    id,
    email: owner.email,
    firstName: owner.firstName ?? '',
    lastName: owner.lastName ?? '',
    userId: owner.userId ?? 9_000_000 + portal.owners.length + 1,
    teams: owner.teams ?? [],
  };
  portal.owners.push(full);
  return full;
}

/** A token body shaped like a UUID (HubSpot's private-app tokens are `pat-na1-<uuid>`). */
export function uuidLike(): string {
  const h = randomBytes(16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
