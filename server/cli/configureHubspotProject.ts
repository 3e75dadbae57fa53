/**
 * `npm run hubspot:configure [-- --origin https://api.acme.com] [--project <dir>]` — write the public origin
 * (flag, else env PUBLIC_ORIGIN, else the example.com placeholder) into the HubSpot project, then check it.
 * Logic: src/hubspotProject/configureHubspotProject.ts.
 */
import path from 'node:path';
import { checkHubspotProject } from '../../src/hubspotProject/checkHubspotProject.ts';
import { DEFAULT_PUBLIC_ORIGIN, configureHubspotProject } from '../../src/hubspotProject/configureHubspotProject.ts';
import { formatReport } from '../../src/hubspotProject/formatReport.ts';
import { optionValue } from '../../src/hubspotProject/cliArgs.ts';

const args = process.argv.slice(2);
const projectRoot = optionValue(args, '--project') ?? path.resolve(import.meta.dirname, '../..');
// A CLI entry point, like server/main.ts, is allowed to read the environment; the origin is validated below.
const requested = optionValue(args, '--origin') ?? process.env.PUBLIC_ORIGIN ?? DEFAULT_PUBLIC_ORIGIN;

try {
  const { origin, changedFiles } = configureHubspotProject(projectRoot, requested);
  console.log(`origin ${origin}: ${changedFiles.length ? `rewrote ${changedFiles.join(', ')}` : 'already up to date'}`);
  const result = await checkHubspotProject(projectRoot);
  (result.ok ? console.log : console.error)(formatReport(result));
  process.exitCode = result.ok ? 0 : 1;
} catch (error) {
  console.error(`hubspot:configure: ${(error as Error).message}`);
  process.exitCode = 1;
}
