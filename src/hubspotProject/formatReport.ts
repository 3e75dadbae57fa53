/** Human-readable output for `npm run check:hubspot`. */
import type { CheckResult } from './types.ts';

export function formatReport(result: CheckResult): string {
  if (!result.ok) {
    const count = result.problems.length;
    const lines = result.problems.map((p) => `  - ${p.file}: ${p.field}: ${p.message}`);
    return [`HubSpot project check failed: ${count} problem${count === 1 ? '' : 's'}`, ...lines].join('\n');
  }
  const project = result.project;
  const header = project
    ? `HubSpot project OK: ${project.name} (platform ${project.platformVersion}, srcDir ${project.srcDir})`
    : 'HubSpot project OK';
  const typeWidth = Math.max(4, ...result.components.map((c) => c.type.length));
  const uidWidth = Math.max(3, ...result.components.map((c) => c.uid.length));
  const rows = result.components.map((c) => `  ${c.type.padEnd(typeWidth)}  ${c.uid.padEnd(uidWidth)}  ${c.file}`);
  return [header, `  origin: ${result.origin ?? '(none)'}`, ...rows].join('\n');
}
