import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { AppError } from '../errors.ts';

/**
 * The app-event templates declared in the HubSpot project (`extensions/app/app-events/*-hsmeta.json`), read once at
 * start. The same file drives HubSpot's timeline rendering and our note fallback, so both say the same thing.
 */
const AppEventFile = z.object({
  uid: z.string(),
  type: z.literal('app-event'),
  config: z.object({
    name: z.string(),
    objectType: z.enum(['CONTACT', 'COMPANY', 'DEAL', 'TICKET']),
    headerTemplate: z.string(),
    detailTemplate: z.string().optional(),
    properties: z.array(
      z.object({
        name: z.string(),
        type: z.string(),
        options: z.array(z.object({ value: z.string() })).optional(),
      }),
    ),
  }),
});

export interface AppEventTemplate {
  uid: string;
  name: string;
  objectType: 'CONTACT' | 'COMPANY' | 'DEAL' | 'TICKET';
  headerTemplate: string;
  detailTemplate: string;
  properties: Map<string, { options?: Set<string> }>;
}

export const APP_EVENTS_DIR = resolve(import.meta.dirname, '../../extensions/app/app-events');

export function loadAppEventCatalog(dir = APP_EVENTS_DIR): Map<string, AppEventTemplate> {
  const catalog = new Map<string, AppEventTemplate>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('-hsmeta.json'))) {
    const { uid, config } = AppEventFile.parse(JSON.parse(readFileSync(join(dir, file), 'utf8')));
    catalog.set(uid, {
      uid,
      name: config.name,
      objectType: config.objectType,
      headerTemplate: config.headerTemplate,
      detailTemplate: config.detailTemplate ?? '',
      properties: new Map(
        config.properties.map((p) => [p.name, p.options ? { options: new Set(p.options.map((o) => o.value)) } : {}]),
      ),
    });
  }
  return catalog;
}

/**
 * Refuses, before any HubSpot call, properties the template does not declare and enumeration values outside its
 * options — HubSpot would answer 400 (hubspot-platform.md §3.2), and a bug should not burn retries.
 */
export function checkOccurrence(template: AppEventTemplate, properties: Record<string, string>): void {
  for (const [name, value] of Object.entries(properties)) {
    const declared = template.properties.get(name);
    if (!declared) throw new AppError('validation', `app event ${template.uid} does not declare property ${name}`);
    if (declared.options && !declared.options.has(value)) {
      throw new AppError('validation', `app event ${template.uid}: ${name}=${value} is not one of its options`);
    }
  }
}
