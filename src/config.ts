import { z } from 'zod';
import { tokenEncryptionKeysSchema } from './connections/keyring.ts';
import { Secret } from './connections/secret.ts';

/**
 * The service's whole configuration, parsed once from the environment by the composition root.
 * Every variable has an embedded default, so `npm start` works with no configuration at all;
 * a bad value stops the service with a message naming the variable.
 */
const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  PUBLIC_ORIGIN: z
    .url({ protocol: /^https?$/ })
    .default('http://localhost:3000')
    .transform((s) => new URL(s).origin),
  DATABASE_PATH: z.string().min(1).default('./data/switchboard.db'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i, 'must look like 512kb or 1mb')
    .default('1mb'),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  // false: this process only serves HTTP (webhooks are answered from the inbox); another process on the same
  // database runs the worker and the webhook fan-out. The split is what bench/webhooks.ts measures.
  RUN_WORKER: z.enum(['true', 'false'], { message: 'must be true or false' }).default('true'),
  HUBSPOT_CLIENT_ID: z.string().min(1).optional(),
  HUBSPOT_CLIENT_SECRET: z.string().min(1).optional(),
  HUBSPOT_API_BASE_URL: z.url().default('https://api.hubapi.com'),
  HUBSPOT_APP_BASE_URL: z.url().default('https://app.hubspot.com'),
  // reference/whatsapp.md §1: base URL and Graph version are configuration (tests point them at the sandbox).
  WHATSAPP_GRAPH_BASE_URL: z.url().default('https://graph.facebook.com'),
  WHATSAPP_GRAPH_VERSION: z
    .string()
    .regex(/^v\d+\.\d+$/, 'must look like v23.0')
    .default('v23.0'),
  // Optional outside production: without it a development key is kept beside the database (keyringSource.ts).
  TOKEN_ENCRYPTION_KEYS: tokenEncryptionKeysSchema.optional(),
  // No default on purpose: a well-known operator secret would open every portal's admin API.
  ADMIN_TOKEN: z.string().min(32, 'must be at least 32 characters (openssl rand -base64 32)').optional(),
});

export type Env = z.input<typeof ConfigSchema>;
type Parsed = z.output<typeof ConfigSchema>;

export interface Config {
  env: Parsed['NODE_ENV'];
  host: string;
  port: number;
  /** Origin HubSpot uses to reach us; request signatures are computed over it (never over Host headers). */
  publicOrigin: string;
  databasePath: string;
  logLevel: Parsed['LOG_LEVEL'];
  bodyLimit: string;
  shutdownTimeoutMs: number;
  /** Whether this process runs the job worker and the webhook fan-out (false: HTTP only). */
  runWorker: boolean;
  hubspot: { clientId?: string; clientSecret?: string; apiBaseUrl: string; appBaseUrl: string };
  /** Meta's Graph API for the WhatsApp Cloud API adapter (src/whatsapp/metaCloudProvider.ts). */
  whatsapp: { graphBaseUrl: string; graphVersion: string };
  /** TOKEN_ENCRYPTION_KEYS as given (`keyId:base64key,…`), wrapped so it never prints. */
  tokenEncryptionKeys?: Secret;
  /** The operator's bearer token for /admin; undefined = operator bearer auth refused. */
  adminToken?: Secret;
}

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws ConfigError naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings count as unset, so `PORT= npm start` behaves like no PORT at all.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = ConfigSchema.safeParse(present);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => ({ variable: String(issue.path[0] ?? '?'), message: issue.message })),
    );
  }
  const c = result.data;
  return {
    env: c.NODE_ENV,
    host: c.HOST,
    port: c.PORT,
    publicOrigin: c.PUBLIC_ORIGIN,
    databasePath: c.DATABASE_PATH,
    logLevel: c.LOG_LEVEL,
    bodyLimit: c.BODY_LIMIT,
    shutdownTimeoutMs: c.SHUTDOWN_TIMEOUT_MS,
    runWorker: c.RUN_WORKER === 'true',
    hubspot: {
      clientId: c.HUBSPOT_CLIENT_ID,
      clientSecret: c.HUBSPOT_CLIENT_SECRET,
      apiBaseUrl: c.HUBSPOT_API_BASE_URL.replace(/\/$/, ''),
      appBaseUrl: c.HUBSPOT_APP_BASE_URL.replace(/\/$/, ''),
    },
    whatsapp: { graphBaseUrl: c.WHATSAPP_GRAPH_BASE_URL.replace(/\/$/, ''), graphVersion: c.WHATSAPP_GRAPH_VERSION },
    tokenEncryptionKeys: c.TOKEN_ENCRYPTION_KEYS === undefined ? undefined : new Secret(c.TOKEN_ENCRYPTION_KEYS),
    adminToken: c.ADMIN_TOKEN === undefined ? undefined : new Secret(c.ADMIN_TOKEN),
  };
}

/** Every variable the service reads (the README's configuration table is checked against this list). */
export const CONFIG_VARIABLES = Object.keys(ConfigSchema.shape) as (keyof Env)[];
