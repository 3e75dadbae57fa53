import { z } from 'zod';
import type { Db } from '../db/openDatabase.ts';
import { AppError } from '../errors.ts';
import { DEFAULT_LIFECYCLE, Lifecycle } from './lifecycle.ts';

/**
 * Per-portal order settings (issue 6 §1–2): lifecycle, which deal stages trigger an order, whether a missing
 * customer company may be created, the order number format and the fallback currency. Stored as one JSON document
 * per portal (createOrderSettingsRepo below); anything not stored takes the default.
 */
export const OrderTrigger = z.object({
  /** Pipelines whose stages trigger; null = every pipeline. */
  pipelineIds: z.array(z.string()).nullable().default(null),
  /** Stages that trigger; null = every closed-won stage of the chosen pipelines (closedWonStages.ts). */
  stageIds: z.array(z.string()).nullable().default(null),
});
export type OrderTrigger = z.infer<typeof OrderTrigger>;

export const OrderSettings = z.object({
  lifecycle: Lifecycle.default(DEFAULT_LIFECYCLE),
  trigger: OrderTrigger.default({ pipelineIds: null, stageIds: null }),
  /** Create the customer company in HubSpot when none is associated and none matches. */
  createCompanies: z.boolean().default(true),
  numberPrefix: z
    .string()
    .regex(/^[A-Z0-9-]{0,10}$/)
    .default('SO-'),
  numberDigits: z.number().int().min(1).max(12).default(6),
  /** ISO 4217 code used when the deal has no currency of its own. */
  defaultCurrency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .nullable()
    .default(null),
});
export type OrderSettings = z.infer<typeof OrderSettings>;

export const DEFAULT_ORDER_SETTINGS: OrderSettings = OrderSettings.parse({});

/**
 * What a settings PATCH may send: every field optional and WITHOUT its default — zod's `.partial()` keeps defaults,
 * so a body naming one field would reset all the others to their defaults.
 */
const { shape } = OrderSettings;
export const OrderSettingsPatch = z.object({
  lifecycle: shape.lifecycle.unwrap().optional(),
  trigger: shape.trigger.unwrap().optional(),
  createCompanies: shape.createCompanies.unwrap().optional(),
  numberPrefix: shape.numberPrefix.unwrap().optional(),
  numberDigits: shape.numberDigits.unwrap().optional(),
  defaultCurrency: shape.defaultCurrency.unwrap().optional(),
});

/** All SQL about per-portal order settings: one JSON document per portal, defaults for everything not stored. */
export function createOrderSettingsRepo(db: Db) {
  const byPortal = db.prepare<[number], { settings: string }>(
    'SELECT settings FROM order_settings WHERE portal_id = ?',
  );
  const upsert = db.prepare(`
    INSERT INTO order_settings (portal_id, settings, updated_at) VALUES (?, ?, ?)
    ON CONFLICT (portal_id) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at`);

  return {
    get(portalId: number): OrderSettings {
      const row = byPortal.get(portalId);
      if (!row) return DEFAULT_ORDER_SETTINGS;
      // A stored document that no longer parses is a bug (schema drift), not user input: fail loudly.
      return OrderSettings.parse(JSON.parse(row.settings));
    },
    /** Merges `patch` over the current settings, validates the result and stores it. */
    save(portalId: number, patch: Partial<OrderSettings>, now: Date): OrderSettings {
      const merged = OrderSettings.safeParse({ ...this.get(portalId), ...patch });
      if (!merged.success) {
        const problems = merged.error.issues.map((i) => `${i.path.join('.') || 'settings'}: ${i.message}`);
        throw new AppError('validation', `the order settings were not saved: ${problems.join('; ')}`, { problems });
      }
      upsert.run(portalId, JSON.stringify(merged.data), now.toISOString());
      return merged.data;
    },
  };
}

export type OrderSettingsRepo = ReturnType<typeof createOrderSettingsRepo>;
