import type { Db } from '../db/openDatabase.ts';

export const DISCOVERED_OBJECT_TYPES = ['contacts', 'companies', 'deals'] as const;
export type DiscoveredObjectType = (typeof DISCOVERED_OBJECT_TYPES)[number];

export interface FieldOption {
  label: string;
  value: string;
  hidden: boolean;
  displayOrder?: number;
  description?: string;
}

/** One HubSpot property as mapping, rules, cards and settings see it (reference §5). */
export interface DiscoveredField {
  objectType: DiscoveredObjectType;
  name: string;
  label: string;
  type: string;
  fieldType: string;
  description: string;
  groupName: string | null;
  options: FieldOption[];
  /** True for HubSpot's standard properties, false for the portal's custom ones. */
  hubspotDefined: boolean;
  refreshedAt: string;
}

interface Row {
  object_type: DiscoveredObjectType;
  name: string;
  label: string;
  type: string;
  field_type: string;
  description: string;
  group_name: string | null;
  options: string;
  hubspot_defined: 0 | 1;
  refreshed_at: string;
}

const toField = (r: Row): DiscoveredField => ({
  objectType: r.object_type,
  name: r.name,
  label: r.label,
  type: r.type,
  fieldType: r.field_type,
  description: r.description,
  groupName: r.group_name,
  options: JSON.parse(r.options) as FieldOption[],
  hubspotDefined: r.hubspot_defined === 1,
  refreshedAt: r.refreshed_at,
});

/** All SQL about `portal_fields`. */
export function createPortalFieldsRepo(db: Db) {
  const insert = db.prepare(`
    INSERT INTO portal_fields (portal_id, object_type, name, label, type, field_type, description, group_name,
      options, hubspot_defined, refreshed_at)
    VALUES (@portalId, @objectType, @name, @label, @type, @fieldType, @description, @groupName,
      @options, @hubspotDefined, @refreshedAt)`);
  const clearType = db.prepare('DELETE FROM portal_fields WHERE portal_id = ? AND object_type = ?');
  const clearPortal = db.prepare('DELETE FROM portal_fields WHERE portal_id = ?');
  const byPortal = db.prepare<[number], Row>(
    'SELECT * FROM portal_fields WHERE portal_id = ? ORDER BY object_type, name',
  );
  const byType = db.prepare<[number, string], Row>(
    'SELECT * FROM portal_fields WHERE portal_id = ? AND object_type = ? ORDER BY name',
  );
  const replaceAll = db.transaction((portalId: number, fields: DiscoveredField[]) => {
    for (const type of new Set(fields.map((f) => f.objectType))) clearType.run(portalId, type);
    for (const f of fields) {
      insert.run({ ...f, portalId, options: JSON.stringify(f.options), hubspotDefined: f.hubspotDefined ? 1 : 0 });
    }
  });

  return {
    /** Replaces the cached fields of every object type present in `fields`, atomically. */
    replace(portalId: number, fields: DiscoveredField[]): void {
      replaceAll(portalId, fields);
    },
    list(portalId: number, objectType?: DiscoveredObjectType): DiscoveredField[] {
      return (objectType ? byType.all(portalId, objectType) : byPortal.all(portalId)).map(toField);
    },
    removePortal(portalId: number): number {
      return clearPortal.run(portalId).changes;
    },
  };
}

export type PortalFieldsRepo = ReturnType<typeof createPortalFieldsRepo>;
