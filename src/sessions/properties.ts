/**
 * The custom properties conversation sessions write, as data (phase 2 provisions them at install, in a
 * "Switchboard" property group per object type). Shapes follow the properties API (reference §5: name, label,
 * groupName, type, fieldType; valid type → fieldType pairs). Names are prefixed so they never collide with
 * HubSpot's own or a customer's.
 */
export const SWITCHBOARD_GROUP = { name: 'switchboard', label: 'Switchboard', displayOrder: -1 } as const;

export interface PropertyDefinition {
  name: string;
  label: string;
  groupName: string;
  type: 'string' | 'number' | 'datetime';
  fieldType: 'text' | 'textarea' | 'number' | 'date';
  description: string;
}

export const SESSION_PROPS = {
  lastMeetingDate: 'switchboard_last_meeting_date',
  engagementScore: 'switchboard_engagement_score',
  recentSummary: 'switchboard_recent_conversation',
  syncKey: 'switchboard_sync_key',
} as const;

const def = (p: Omit<PropertyDefinition, 'groupName'>): PropertyDefinition => ({
  ...p,
  groupName: SWITCHBOARD_GROUP.name,
});

/** Per object type (properties API path segment), the definitions to create. */
export const SESSION_PROPERTY_DEFINITIONS: Record<'contacts' | 'meetings' | 'tasks', PropertyDefinition[]> = {
  contacts: [
    def({
      name: SESSION_PROPS.lastMeetingDate,
      label: 'Last conversation date',
      type: 'datetime',
      fieldType: 'date',
      description: 'Start of the latest conversation session Switchboard logged for this contact.',
    }),
    def({
      name: SESSION_PROPS.engagementScore,
      label: 'Conversation engagement score',
      type: 'number',
      fieldType: 'number',
      description: '0–100 from conversations in the 90 days before the latest one, weighted by sentiment.',
    }),
    def({
      name: SESSION_PROPS.recentSummary,
      label: 'Recent conversation summary',
      type: 'string',
      fieldType: 'textarea',
      description: 'The brief of the latest conversation session.',
    }),
  ],
  // [U] Custom properties on activities (meetings, tasks) are assumed available; the sync key is how a create whose
  // answer was lost (crash, timeout) is found again instead of being created twice.
  meetings: [syncKeyDefinition('meeting')],
  tasks: [syncKeyDefinition('task')],
};

function syncKeyDefinition(what: string): PropertyDefinition {
  return def({
    name: SESSION_PROPS.syncKey,
    label: 'Switchboard sync key',
    type: 'string',
    fieldType: 'text',
    description: `Identifies the conversation session this ${what} was written for (set by Switchboard).`,
  });
}

/** Keeps a property value within HubSpot's 65,536-character limit for strings (reference §5), with room to spare. */
export function clip(text: string, max = 60_000): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
