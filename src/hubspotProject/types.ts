/**
 * Shapes shared by the HubSpot project checker and the origin generator.
 * Paths in `Problem.file` are relative to the project's srcDir (`app/cards/x-hsmeta.json`), posix style,
 * except `hsproject.json`, which sits at the project root.
 */

/** One thing wrong with the project: which file, which field inside it, and what to do about it. */
export interface Problem {
  file: string;
  /** Dotted path inside the file (`config.location`, `config.inputFields[2].typeDefinition.name`), or `(path)`/`(json)` for file-level problems. */
  field: string;
  message: string;
}

/** A component the checker found and accepted far enough to name it. */
export interface ComponentSummary {
  uid: string;
  type: string;
  file: string;
}

export interface CheckResult {
  ok: boolean;
  problems: Problem[];
  components: ComponentSummary[];
  /** The one public origin every origin-bearing field agrees on (when they do). */
  origin?: string;
  project?: { name: string; srcDir: string; platformVersion: string };
}

/** A metafile whose top level (uid/type/config/...) parsed; `config` is not validated yet. */
export interface Metafile {
  file: string;
  uid: string;
  type: string;
  config: Record<string, unknown>;
  /** Top-level keys as written, e.g. to spot `permissions` on a platform version that rejects it. */
  keys: string[];
}

/** Read access to the project's srcDir, by posix path relative to it (injected so rules stay pure). */
export interface SourceFiles {
  isFile(relPath: string): boolean;
  readText(relPath: string): string | undefined;
  readJson(relPath: string): { ok: true; value: unknown } | { ok: false; error: string };
  /** .ts/.tsx/.js/.jsx files under `relDir`, recursively, node_modules excluded. */
  listSourceFiles(relDir: string): string[];
}

export const problem = (file: string, field: string, message: string): Problem => ({ file, field, message });
