import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { SandboxState } from './state.ts';

/**
 * Saves and loads the sandbox world as one JSON file, so `npm run demo` can stop and resume. Maps become
 * `{"__map": [[k, v], ...]}` and Infinity (private-app token expiry) `{"__num": "Infinity"}`, at any depth.
 * Rate-limit windows and the emitter's queue are not saved: they are seconds-long and rebuild themselves.
 */

const FORMAT = 1;

function replacer(_key: string, value: unknown): unknown {
  if (value instanceof Map) return { __map: [...value.entries()] };
  if (typeof value === 'number' && !Number.isFinite(value)) return { __num: String(value) };
  return value;
}

function reviver(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const v = value as { __map?: [unknown, unknown][]; __num?: string };
    if (v.__map) return new Map(v.__map);
    if (v.__num !== undefined) return Number(v.__num);
  }
  return value;
}

/** The saved form of a state, as a JSON string. */
export function serializeState(state: SandboxState, opts: { includeCallLog?: boolean } = {}): string {
  return JSON.stringify(
    {
      format: FORMAT,
      savedAt: state.now(),
      portals: state.portals,
      clients: state.clients,
      accessTokens: state.accessTokens,
      refreshTokens: state.refreshTokens,
      authCodes: state.authCodes,
      webhookApps: state.webhookApps,
      searchLagMs: state.options.searchLagMs,
      callLog: opts.includeCallLog ? state.callLog : [],
    },
    replacer,
  );
}

/** Replaces the contents of `state` with a saved form (the same object stays in use by the running app). */
export function restoreState(state: SandboxState, json: string): void {
  const saved = JSON.parse(json, reviver) as Record<string, unknown>;
  if (saved.format !== FORMAT) throw new Error(`unsupported sandbox state format ${String(saved.format)}`);
  const fill = <K, V>(target: Map<K, V>, source: unknown) => {
    target.clear();
    for (const [k, v] of (source as Map<K, V> | undefined) ?? []) target.set(k, v);
  };
  fill(state.portals, saved.portals);
  fill(state.clients, saved.clients);
  fill(state.accessTokens, saved.accessTokens);
  fill(state.refreshTokens, saved.refreshTokens);
  fill(state.authCodes, saved.authCodes);
  fill(state.webhookApps, saved.webhookApps);
  if (typeof saved.searchLagMs === 'number') state.options.searchLagMs = saved.searchLagMs;
  state.callLog.length = 0;
  state.callLog.push(...((saved.callLog as SandboxState['callLog']) ?? []));
}

/** Writes the state to `file` atomically (temp file + rename), so a crash never leaves half a file. */
export function saveState(state: SandboxState, file: string, opts: { includeCallLog?: boolean } = {}): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, serializeState(state, opts));
  renameSync(tmp, file);
}

/** Loads `file` into `state`; returns false (state untouched) when the file does not exist. */
export function loadState(state: SandboxState, file: string): boolean {
  let json: string;
  try {
    json = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
  restoreState(state, json);
  return true;
}
