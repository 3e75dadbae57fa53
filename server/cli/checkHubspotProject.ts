/**
 * `npm run check:hubspot [-- --project <dir>]` — offline check of the HubSpot project; exit 1 on any problem.
 * Logic: src/hubspotProject/checkHubspotProject.ts.
 */
import path from 'node:path';
import { checkHubspotProject } from '../../src/hubspotProject/checkHubspotProject.ts';
import { formatReport } from '../../src/hubspotProject/formatReport.ts';
import { optionValue } from '../../src/hubspotProject/cliArgs.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const result = await checkHubspotProject(optionValue(process.argv.slice(2), '--project') ?? repoRoot);
(result.ok ? console.log : console.error)(formatReport(result));
process.exitCode = result.ok ? 0 : 1;
