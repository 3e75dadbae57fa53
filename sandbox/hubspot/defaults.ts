import type { Pipeline, PropertyDefinition } from './state.ts';

/**
 * The standard schema a new HubSpot portal starts with: property groups, HubSpot-defined properties and pipelines.
 * Data only; `portals.ts` installs it. Names and types follow reference/hubspot-api.md §2, §5, §6.
 * Option values not confirmed there are marked [U] (read them live with GET /crm/v3/properties/{t}/{name}).
 */

type PropType = PropertyDefinition['type'];
/** [name, label, type, fieldType, options?, flags?] — a compact row so the tables below stay readable. */
export type PropRow = [string, string, PropType, string, string[]?, { readOnly?: boolean; external?: boolean }?];

const RO = { readOnly: true };
const EXT = { external: true }; // hubspot_owner_id: options are the portal's owners, not a fixed list

/** Options of a default-schema enumeration: "VALUE" or "value:Label". */
export function optionOf(spec: string, displayOrder: number) {
  const [value, label] = spec.includes(':') ? spec.split(':', 2) : [spec, spec];
  return { value: value!, label: label!, hidden: false, displayOrder };
}

export const DEAL_STAGES: { id: string; label: string; probability: string; isClosed: boolean }[] = [
  // Stage ids widely used for the default sales pipeline; [U] per reference §2 (resolve per portal via /crm/v3/pipelines).
  { id: 'appointmentscheduled', label: 'Appointment Scheduled', probability: '0.2', isClosed: false },
  { id: 'qualifiedtobuy', label: 'Qualified To Buy', probability: '0.4', isClosed: false },
  { id: 'presentationscheduled', label: 'Presentation Scheduled', probability: '0.6', isClosed: false },
  { id: 'decisionmakerboughtin', label: 'Decision Maker Bought-In', probability: '0.8', isClosed: false },
  { id: 'contractsent', label: 'Contract Sent', probability: '0.9', isClosed: false },
  { id: 'closedwon', label: 'Closed Won', probability: '1.0', isClosed: true },
  { id: 'closedlost', label: 'Closed Lost', probability: '0.0', isClosed: true },
];

export function defaultPipelines(): Map<string, Pipeline[]> {
  const deals: Pipeline = {
    id: 'default',
    label: 'Sales Pipeline',
    displayOrder: 0,
    stages: DEAL_STAGES.map((s, i) => ({
      id: s.id,
      label: s.label,
      displayOrder: i,
      metadata: { isClosed: String(s.isClosed), probability: s.probability },
    })),
  };
  // Ticket stages of the default support pipeline [U: ids '1'..'4' as commonly seen].
  const tickets: Pipeline = {
    id: '0',
    label: 'Support Pipeline',
    displayOrder: 0,
    stages: [
      ['1', 'New', 'OPEN'],
      ['2', 'Waiting on contact', 'OPEN'],
      ['3', 'Waiting on us', 'OPEN'],
      ['4', 'Closed', 'CLOSED'],
    ].map(([id, label, ticketState], i) => ({
      id: id!,
      label: label!,
      displayOrder: i,
      metadata: { ticketState: ticketState!, isClosed: String(ticketState === 'CLOSED') },
    })),
  };
  return new Map([
    ['deals', [deals]],
    ['tickets', [tickets]],
  ]);
}

/** Property groups per object type: [name, label]. Engagement group names are [U]. */
export const DEFAULT_GROUPS: Record<string, [string, string][]> = {
  contacts: [
    ['contactinformation', 'Contact information'],
    ['emailinformation', 'Email information'],
    ['conversioninformation', 'Conversion information'],
  ],
  companies: [['companyinformation', 'Company information']],
  deals: [['dealinformation', 'Deal information']],
  tickets: [['ticketinformation', 'Ticket information']],
  meetings: [['meeting', 'Meeting information']],
  tasks: [['task', 'Task information']],
  notes: [['note', 'Note information']],
  communications: [['communication', 'Communication information']],
  line_items: [['lineiteminformation', 'Line item information']],
  products: [['productinformation', 'Product information']],
};

const OWNER: PropRow = ['hubspot_owner_id', 'Owner', 'enumeration', 'select', [], EXT];
const OBJECT_ID: PropRow = ['hs_object_id', 'Record ID', 'number', 'number', undefined, RO];
const CRM_DATES: PropRow[] = [
  ['createdate', 'Create Date', 'datetime', 'date', undefined, RO],
  ['hs_lastmodifieddate', 'Last Modified Date', 'datetime', 'date', undefined, RO],
];
// Engagements carry hs_createdate/hs_lastmodifieddate and a required hs_timestamp (reference §2, §6).
const ENGAGEMENT_BASE: PropRow[] = [
  ['hs_timestamp', 'Activity date', 'datetime', 'date'],
  ['hs_createdate', 'Create date', 'datetime', 'date', undefined, RO],
  ['hs_lastmodifieddate', 'Last modified date', 'datetime', 'date', undefined, RO],
  ['hs_attachment_ids', 'Attached file IDs', 'string', 'text'],
  OWNER,
  OBJECT_ID,
];

const LIFECYCLE = [
  'subscriber:Subscriber',
  'lead:Lead',
  'marketingqualifiedlead:Marketing Qualified Lead',
  'salesqualifiedlead:Sales Qualified Lead',
  'opportunity:Opportunity',
  'customer:Customer',
  'evangelist:Evangelist',
  'other:Other',
];

/** HubSpot-defined properties per object type; the first group of DEFAULT_GROUPS is their group. */
export const DEFAULT_PROPERTIES: Record<string, PropRow[]> = {
  contacts: [
    ['email', 'Email', 'string', 'text'],
    ['firstname', 'First Name', 'string', 'text'],
    ['lastname', 'Last Name', 'string', 'text'],
    ['phone', 'Phone Number', 'string', 'phonenumber'],
    ['mobilephone', 'Mobile Phone Number', 'string', 'phonenumber'],
    ['company', 'Company Name', 'string', 'text'],
    ['jobtitle', 'Job Title', 'string', 'text'],
    ['website', 'Website URL', 'string', 'text'],
    ['city', 'City', 'string', 'text'],
    ['country', 'Country/Region', 'string', 'text'],
    [
      'hs_language',
      'Preferred language',
      'enumeration',
      'select',
      ['en:English', 'de:German', 'es:Spanish', 'fr:French'],
    ],
    ['lifecyclestage', 'Lifecycle Stage', 'enumeration', 'radio', LIFECYCLE],
    [
      'hs_lead_status',
      'Lead Status',
      'enumeration',
      'radio',
      ['NEW', 'OPEN', 'IN_PROGRESS', 'OPEN_DEAL', 'UNQUALIFIED', 'ATTEMPTED_TO_CONTACT', 'CONNECTED', 'BAD_TIMING'],
    ],
    OWNER,
    ['createdate', 'Create Date', 'datetime', 'date', undefined, RO],
    ['lastmodifieddate', 'Last Modified Date', 'datetime', 'date', undefined, RO],
    OBJECT_ID,
  ],
  companies: [
    ['name', 'Company name', 'string', 'text'],
    ['domain', 'Company Domain Name', 'string', 'text'],
    ['phone', 'Phone Number', 'string', 'phonenumber'],
    ['industry', 'Industry', 'string', 'text'],
    ['city', 'City', 'string', 'text'],
    ['country', 'Country/Region', 'string', 'text'],
    ['numberofemployees', 'Number of Employees', 'number', 'number'],
    ['annualrevenue', 'Annual Revenue', 'number', 'number'],
    ['lifecyclestage', 'Lifecycle Stage', 'enumeration', 'radio', LIFECYCLE],
    OWNER,
    ...CRM_DATES,
    OBJECT_ID,
  ],
  deals: [
    ['dealname', 'Deal Name', 'string', 'text'],
    ['amount', 'Amount', 'number', 'number'],
    ['dealstage', 'Deal Stage', 'enumeration', 'radio', DEAL_STAGES.map((s) => `${s.id}:${s.label}`)],
    ['pipeline', 'Pipeline', 'enumeration', 'select', ['default:Sales Pipeline']],
    ['closedate', 'Close Date', 'datetime', 'date'],
    [
      'dealtype',
      'Deal Type',
      'enumeration',
      'radio',
      ['newbusiness:New Business', 'existingbusiness:Existing Business'],
    ],
    ['description', 'Deal Description', 'string', 'textarea'],
    ['hs_priority', 'Priority', 'enumeration', 'select', ['low:Low', 'medium:Medium', 'high:High']],
    OWNER,
    ...CRM_DATES,
    OBJECT_ID,
  ],
  tickets: [
    ['subject', 'Ticket name', 'string', 'text'],
    ['content', 'Ticket description', 'string', 'textarea'],
    ['hs_pipeline', 'Pipeline', 'enumeration', 'select', ['0:Support Pipeline']],
    [
      'hs_pipeline_stage',
      'Ticket status',
      'enumeration',
      'radio',
      ['1:New', '2:Waiting on contact', '3:Waiting on us', '4:Closed'],
    ],
    ['hs_ticket_priority', 'Priority', 'enumeration', 'select', ['LOW', 'MEDIUM', 'HIGH', 'URGENT']],
    OWNER,
    ...CRM_DATES,
    OBJECT_ID,
  ],
  meetings: [
    ...ENGAGEMENT_BASE,
    ['hs_meeting_title', 'Meeting name', 'string', 'text'],
    ['hs_meeting_body', 'Meeting description', 'string', 'html'],
    ['hs_internal_meeting_notes', 'Internal meeting notes', 'string', 'html'],
    ['hs_meeting_external_url', 'External URL', 'string', 'text'],
    ['hs_meeting_location', 'Location', 'string', 'text'],
    ['hs_meeting_start_time', 'Start Time', 'datetime', 'date'],
    ['hs_meeting_end_time', 'End Time', 'datetime', 'date'],
    // [U] beyond SCHEDULED (reference §6).
    [
      'hs_meeting_outcome',
      'Meeting outcome',
      'enumeration',
      'select',
      ['SCHEDULED', 'COMPLETED', 'RESCHEDULED', 'NO_SHOW', 'CANCELED'],
    ],
    ['hs_activity_type', 'Call and meeting type', 'string', 'text'],
  ],
  tasks: [
    ...ENGAGEMENT_BASE,
    ['hs_task_subject', 'Task Title', 'string', 'text'],
    ['hs_task_body', 'Notes', 'string', 'html'],
    // [U] IN_PROGRESS and DEFERRED (reference §6).
    [
      'hs_task_status',
      'Task Status',
      'enumeration',
      'select',
      ['NOT_STARTED', 'IN_PROGRESS', 'WAITING', 'COMPLETED', 'DEFERRED'],
    ],
    ['hs_task_priority', 'Priority', 'enumeration', 'select', ['LOW', 'MEDIUM', 'HIGH']],
    ['hs_task_type', 'Task Type', 'enumeration', 'select', ['EMAIL', 'CALL', 'TODO']],
    ['hs_task_reminders', 'Reminder', 'string', 'text'],
  ],
  notes: [...ENGAGEMENT_BASE, ['hs_note_body', 'Note body', 'string', 'html']],
  communications: [
    ...ENGAGEMENT_BASE,
    [
      'hs_communication_channel_type',
      'Channel type',
      'enumeration',
      'select',
      ['SMS', 'WHATS_APP', 'LINKEDIN_MESSAGE', 'PHYSICAL_MAIL', 'CUSTOM_CHANNEL_CONVERSATION'], // [U] full list
    ],
    ['hs_communication_logged_from', 'Logged from', 'enumeration', 'select', ['CRM']],
    ['hs_communication_body', 'Body', 'string', 'html'],
  ],
  line_items: [
    ['name', 'Name', 'string', 'text'],
    ['quantity', 'Quantity', 'number', 'number'],
    ['price', 'Unit price', 'number', 'number'],
    ['amount', 'Net price', 'number', 'number', undefined, RO],
    ['hs_product_id', 'Product ID', 'number', 'number'],
    ['hs_sku', 'SKU', 'string', 'text'],
    ['description', 'Description', 'string', 'textarea'],
    ...CRM_DATES,
    OBJECT_ID,
  ],
  products: [
    ['name', 'Name', 'string', 'text'],
    ['price', 'Unit price', 'number', 'number'],
    ['hs_sku', 'SKU', 'string', 'text'],
    ['description', 'Description', 'string', 'textarea'],
    ['hs_cost_of_goods_sold', 'Unit cost', 'number', 'number'],
    ['hs_recurring_billing_period', 'Term', 'string', 'text'],
    ...CRM_DATES,
    OBJECT_ID,
  ],
};
