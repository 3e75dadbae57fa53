import type { Db } from '../db/openDatabase.ts';
import { AppError } from '../errors.ts';
import {
  type ConflictPolicy,
  DEFAULT_ORDER_MAPPING,
  type OrderFieldKind,
  type OrderFieldMapping,
  type SourceObject,
} from '../mapping/orderFields.ts';
import {
  type DiscoveredOrderFields,
  type MappingIssue,
  mappingErrors,
  validateOrderMapping,
} from '../mapping/orderMappingValidation.ts';

/**
 * All SQL about a portal's order field mapping and its deal stage → status table. A portal without rows uses
 * DEFAULT_ORDER_MAPPING and an empty stage table (every stage starts an order in the lifecycle's initial status).
 */
export interface PortalOrderMapping {
  fields: OrderFieldMapping[];
  stageStatus: Record<string, string>;
  /** False while the portal still runs on the defaults. */
  customized: boolean;
}

interface FieldRow {
  field: string;
  source: SourceObject;
  property: string;
  kind: OrderFieldKind;
  required: 0 | 1;
  conflict_policy: ConflictPolicy;
}

const toMapping = (r: FieldRow): OrderFieldMapping => ({
  field: r.field,
  source: r.source,
  property: r.property,
  kind: r.kind,
  required: r.required === 1,
  conflictPolicy: r.conflict_policy,
});

export function createMappingRepo(db: Db) {
  const fields = db.prepare<[number], FieldRow>(
    'SELECT * FROM order_field_mappings WHERE portal_id = ? ORDER BY position',
  );
  const stages = db.prepare<[number], { stage_id: string; status: string }>(
    'SELECT stage_id, status FROM order_stage_statuses WHERE portal_id = ?',
  );
  const clearFields = db.prepare('DELETE FROM order_field_mappings WHERE portal_id = ?');
  const clearStages = db.prepare('DELETE FROM order_stage_statuses WHERE portal_id = ?');
  const addField = db.prepare(`
    INSERT INTO order_field_mappings (portal_id, field, source, property, kind, required, conflict_policy, position)
    VALUES (@portalId, @field, @source, @property, @kind, @required, @conflictPolicy, @position)`);
  const addStage = db.prepare('INSERT INTO order_stage_statuses (portal_id, stage_id, status) VALUES (?, ?, ?)');

  const saveTx = db.transaction((portalId: number, m: Omit<PortalOrderMapping, 'customized'>) => {
    clearFields.run(portalId);
    clearStages.run(portalId);
    for (const [position, f] of m.fields.entries()) {
      addField.run({ ...f, portalId, required: f.required ? 1 : 0, position });
    }
    for (const [stageId, status] of Object.entries(m.stageStatus)) addStage.run(portalId, stageId, status);
  });

  return {
    get(portalId: number): PortalOrderMapping {
      const rows = fields.all(portalId);
      const stageStatus = Object.fromEntries(stages.all(portalId).map((r) => [r.stage_id, r.status]));
      const customized = rows.length > 0;
      return {
        fields: customized ? rows.map(toMapping) : DEFAULT_ORDER_MAPPING.map((f) => ({ ...f })),
        stageStatus,
        customized,
      };
    },
    /**
     * Validates the mapping against the portal's discovered fields and the lifecycle's statuses, then replaces the
     * stored one. Refused (validation error listing every problem) when any issue is an error; returns warnings.
     */
    save(
      portalId: number,
      m: Omit<PortalOrderMapping, 'customized'>,
      discovered: DiscoveredOrderFields,
      statuses: readonly string[],
    ): MappingIssue[] {
      const issues = validateOrderMapping(m.fields, discovered);
      for (const [stageId, status] of Object.entries(m.stageStatus)) {
        if (!statuses.includes(status)) {
          const message = `stage ${stageId} maps to "${status}", which is not an order status (${statuses.join(', ')})`;
          issues.push({ field: 'status', severity: 'error', message });
        }
      }
      const errors = mappingErrors(issues);
      if (errors.length > 0) {
        throw new AppError(
          'validation',
          `the order mapping was not saved: ${errors.map((e) => e.message).join('; ')}`,
          {
            issues: errors,
          },
        );
      }
      saveTx.immediate(portalId, m);
      return issues;
    },
  };
}

export type MappingRepo = ReturnType<typeof createMappingRepo>;
