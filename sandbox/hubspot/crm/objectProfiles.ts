/**
 * Per-object-type facts the CRM routes need: which computed properties HubSpot maintains, which properties a read
 * returns when the caller names none, and which properties a create must carry.
 */
export interface ObjectProfile {
  /** Property holding the creation timestamp (engagements use hs_createdate). */
  createdProperty: string;
  /** Property holding the last-modified timestamp (contacts use lastmodifieddate, the rest hs_lastmodifieddate). */
  modifiedProperty: string;
  /** Returned when no `properties` are requested [C: SPEC info text; D for engagements, §3]. */
  defaults: string[];
  /** Each inner list is "one of these is required" on create (reference §2 "Required properties to create" [D]). */
  required: string[][];
  /** Singular ObjectTypeId used in v4 association responses (0-1 ...). */
  objectTypeId: string;
}

const ENGAGEMENT = (objectTypeId: string): ObjectProfile => ({
  createdProperty: 'hs_createdate',
  modifiedProperty: 'hs_lastmodifieddate',
  defaults: [],
  required: [['hs_timestamp']],
  objectTypeId,
});

const PROFILES: Record<string, ObjectProfile> = {
  contacts: {
    createdProperty: 'createdate',
    modifiedProperty: 'lastmodifieddate',
    defaults: ['firstname', 'lastname', 'email'],
    required: [],
    objectTypeId: '0-1',
  },
  companies: {
    createdProperty: 'createdate',
    modifiedProperty: 'hs_lastmodifieddate',
    defaults: ['name', 'domain'],
    required: [['domain', 'name']],
    objectTypeId: '0-2',
  },
  deals: {
    createdProperty: 'createdate',
    modifiedProperty: 'hs_lastmodifieddate',
    defaults: ['dealname', 'amount', 'closedate', 'pipeline', 'dealstage'],
    required: [['dealname'], ['dealstage'], ['pipeline']],
    objectTypeId: '0-3',
  },
  tickets: {
    createdProperty: 'createdate',
    modifiedProperty: 'hs_lastmodifieddate',
    defaults: ['subject', 'content', 'hs_pipeline', 'hs_pipeline_stage'],
    required: [['subject'], ['hs_pipeline'], ['hs_pipeline_stage']],
    objectTypeId: '0-5',
  },
  // Products: the reference lists "hs_sku, hs_folder, price, name, description" ambiguously; we require only name. [U]
  products: {
    createdProperty: 'createdate',
    modifiedProperty: 'hs_lastmodifieddate',
    defaults: ['name', 'price', 'description'],
    required: [['name']],
    objectTypeId: '0-7',
  },
  line_items: {
    createdProperty: 'createdate',
    modifiedProperty: 'hs_lastmodifieddate',
    defaults: ['name', 'quantity', 'price', 'amount'],
    required: [],
    objectTypeId: '0-8',
  },
  // Communications: the reference names no required properties; like every activity we require hs_timestamp. [U]
  communications: ENGAGEMENT('0-18'),
  tasks: ENGAGEMENT('0-27'),
  notes: ENGAGEMENT('0-46'),
  meetings: ENGAGEMENT('0-47'),
};

/** The profile of a canonical object type (throws for types the sandbox does not model: a routing bug). */
export function profileOf(objectType: string): ObjectProfile {
  const p = PROFILES[objectType];
  if (!p) throw new Error(`no CRM profile for object type ${objectType}`);
  return p;
}

/** Properties only HubSpot writes; a client sending one gets READ_ONLY_VALUE. */
export function computedProperties(objectType: string): string[] {
  const p = profileOf(objectType);
  return ['hs_object_id', p.createdProperty, p.modifiedProperty];
}
