import type { Priority } from '../hubspot/rateBudget.ts';
import type { HubspotGateway } from '../hubspot/gateway.ts';
import {
  DISCOVERED_OBJECT_TYPES,
  type DiscoveredField,
  type DiscoveredObjectType,
  type FieldOption,
  type PortalFieldsRepo,
} from './portalFieldsRepo.ts';

/** The SDK's `Property` model, as much of it as discovery keeps (reference §5). */
interface SdkProperty {
  name: string;
  label: string;
  type: string;
  fieldType: string;
  description?: string;
  groupName?: string;
  options?: { label: string; value: string; hidden?: boolean; displayOrder?: number; description?: string }[];
  hubspotDefined?: boolean;
}

export interface FieldDiscoveryDeps {
  gateway: Pick<HubspotGateway, 'call'>;
  repo: PortalFieldsRepo;
  now: () => number;
}

export type FieldCounts = Record<DiscoveredObjectType, { total: number; custom: number }>;

function toOption(o: NonNullable<SdkProperty['options']>[number]): FieldOption {
  const option: FieldOption = { label: o.label, value: o.value, hidden: o.hidden ?? false };
  if (o.displayOrder !== undefined) option.displayOrder = o.displayOrder;
  if (o.description) option.description = o.description;
  return option;
}

function toField(objectType: DiscoveredObjectType, p: SdkProperty, refreshedAt: string): DiscoveredField {
  return {
    objectType,
    name: p.name,
    label: p.label,
    type: p.type,
    fieldType: p.fieldType,
    description: p.description ?? '',
    groupName: p.groupName ?? null,
    options: (p.options ?? []).map(toOption),
    // HubSpot sends `hubspotDefined: true` only on its own properties; a custom property omits it.
    hubspotDefined: p.hubspotDefined === true,
    refreshedAt,
  };
}

/**
 * Field discovery (ConnectFlo guide): every property of contacts, companies and deals, standard and custom,
 * with type, field type, label, description and options, cached per portal. Refreshed on demand and when a
 * portal's credentials change; the three reads are stored together, so a failed refresh keeps the old cache.
 */
export function createFieldDiscovery(d: FieldDiscoveryDeps) {
  return {
    async refresh(portalId: number, o: { priority?: Priority } = {}): Promise<FieldCounts> {
      const refreshedAt = new Date(d.now()).toISOString();
      const fields: DiscoveredField[] = [];
      for (const objectType of DISCOVERED_OBJECT_TYPES) {
        // GET /crm/v3/properties/{objectType}: every property in one page, no paging (reference §5).
        const page = await d.gateway.call(portalId, { feature: 'field_discovery', priority: o.priority }, (c) =>
          c.crm.properties.coreApi.getAll(objectType, false),
        );
        fields.push(...(page.results as SdkProperty[]).map((p) => toField(objectType, p, refreshedAt)));
      }
      d.repo.replace(portalId, fields);
      return countsOf(fields);
    },
    list(portalId: number, objectType?: DiscoveredObjectType): DiscoveredField[] {
      return d.repo.list(portalId, objectType);
    },
  };
}

function countsOf(fields: DiscoveredField[]): FieldCounts {
  const counts = Object.fromEntries(DISCOVERED_OBJECT_TYPES.map((t) => [t, { total: 0, custom: 0 }])) as FieldCounts;
  for (const f of fields) {
    counts[f.objectType].total += 1;
    if (!f.hubspotDefined) counts[f.objectType].custom += 1;
  }
  return counts;
}

export type FieldDiscovery = ReturnType<typeof createFieldDiscovery>;
