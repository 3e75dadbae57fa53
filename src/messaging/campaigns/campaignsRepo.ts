import type { Db } from '../../db/openDatabase.ts';
import { type CampaignDefinition, type CampaignDefinitionInput, parseCampaignDefinition } from './definition.ts';

/** All SQL about whatsapp_campaigns. */

export type CampaignStatus = 'active' | 'paused' | 'archived';

export interface Campaign {
  id: number;
  portalId: number;
  name: string;
  definition: CampaignDefinition;
  status: CampaignStatus;
  createdAt: number;
  updatedAt: number;
}

interface Row {
  id: number;
  portal_id: number;
  name: string;
  definition: string;
  status: CampaignStatus;
  created_at: number;
  updated_at: number;
}

const toCampaign = (r: Row): Campaign => ({
  id: r.id,
  portalId: r.portal_id,
  name: r.name,
  definition: parseCampaignDefinition(JSON.parse(r.definition)),
  status: r.status,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export function createCampaignsRepo(db: Db) {
  const insert =
    db.prepare(`INSERT INTO whatsapp_campaigns (portal_id, name, definition, status, created_at, updated_at)
    VALUES (@portalId, @name, @definition, 'active', @now, @now)`);
  const byId = db.prepare<[number], Row>('SELECT * FROM whatsapp_campaigns WHERE id = ?');
  const byPortal = db.prepare<[number], Row>('SELECT * FROM whatsapp_campaigns WHERE portal_id = ? ORDER BY id');
  const statusStmt = db.prepare('UPDATE whatsapp_campaigns SET status = ?, updated_at = ? WHERE id = ?');
  return {
    /** Validates the definition (AppError 'validation' naming the problem) and stores the campaign. */
    create(portalId: number, name: string, definition: CampaignDefinitionInput, now: number): Campaign {
      const valid = parseCampaignDefinition(definition);
      const { lastInsertRowid } = insert.run({ portalId, name, definition: JSON.stringify(valid), now });
      return toCampaign(byId.get(Number(lastInsertRowid))!);
    },
    find(id: number): Campaign | undefined {
      const row = byId.get(id);
      return row ? toCampaign(row) : undefined;
    },
    list: (portalId: number): Campaign[] => byPortal.all(portalId).map(toCampaign),
    /** Paused campaigns keep their enrollments; nothing advances until they are active again. */
    setStatus: (id: number, status: CampaignStatus, now: number): boolean =>
      statusStmt.run(status, now, id).changes === 1,
  };
}

export type CampaignsRepo = ReturnType<typeof createCampaignsRepo>;
