import type { Client } from '@hubspot/api-client';
import type { BatchResponseBody } from '../hubspot/batching.ts';

/**
 * One typed doorway to the SDK's per-object APIs by object type name. The generated APIs of contacts, companies,
 * deals, meetings and tasks share one shape (reference §2: "Paths are identical for every object"), but each
 * module has its own model classes; this narrows them to the structural subset we use, in one place.
 */
export type CrmObjectType = 'contacts' | 'companies' | 'deals' | 'meetings' | 'tasks';

export interface CrmRecord {
  id: string;
  properties: Record<string, string | null>;
  objectWriteTraceId?: string;
}

export interface AssociationInput {
  to: { id: string };
  types: { associationCategory: 'HUBSPOT_DEFINED'; associationTypeId: number }[];
}

export interface CreateInput {
  properties: Record<string, string>;
  associations?: AssociationInput[];
  objectWriteTraceId?: string;
}

export interface UpdateInput {
  id: string;
  properties: Record<string, string>;
  objectWriteTraceId?: string;
}

export interface SearchFilter {
  propertyName: string;
  operator: 'EQ' | 'NEQ' | 'IN' | 'GT' | 'GTE' | 'LT' | 'LTE' | 'HAS_PROPERTY' | 'NOT_HAS_PROPERTY';
  value?: string;
  values?: string[];
}

export interface SearchRequest {
  filterGroups: { filters: SearchFilter[] }[];
  properties?: string[];
  /** The SDK types `sorts` as string[], HubSpot documents objects; they pass through (reference §1.7). */
  sorts?: { propertyName: string; direction: 'ASCENDING' | 'DESCENDING' }[];
  limit?: number;
  after?: string;
}

export interface SearchPage {
  total: number;
  results: CrmRecord[];
  paging?: { next?: { after: string } };
}

export interface ObjectApis {
  batch: {
    create(body: { inputs: CreateInput[] }): Promise<BatchResponseBody<CrmRecord>>;
    update(body: { inputs: UpdateInput[] }): Promise<BatchResponseBody<CrmRecord>>;
    read(
      body: { inputs: { id: string }[]; properties: string[]; propertiesWithHistory: string[] },
      archived?: boolean,
    ): Promise<BatchResponseBody<CrmRecord>>;
  };
  search: { doSearch(request: SearchRequest): Promise<SearchPage> };
}

/** The batch and search APIs of one object type. */
export function objectApis(client: Client, type: CrmObjectType): ObjectApis {
  const api = {
    contacts: client.crm.contacts,
    companies: client.crm.companies,
    deals: client.crm.deals,
    meetings: client.crm.objects.meetings,
    tasks: client.crm.objects.tasks,
  }[type];
  return { batch: api.batchApi, search: api.searchApi } as unknown as ObjectApis;
}

/** `HUBSPOT_DEFINED` association specs, one per type id (reference §4.2). */
export function associationTo(id: string, associationTypeId: number): AssociationInput {
  return { to: { id }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId }] };
}

/** Default (HUBSPOT_DEFINED) association type ids we write, from reference §4.2 (cross-checked with the SDK enum). */
export const ASSOCIATION_TYPE = {
  contactToCompany: 279,
  meetingToContact: 200,
  meetingToCompany: 188,
  meetingToDeal: 212,
  taskToContact: 204,
} as const;
