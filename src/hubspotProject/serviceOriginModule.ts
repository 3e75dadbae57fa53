/**
 * The cards' `serviceOrigin.ts`: a one-line module the card fetch layer imports, written only by the generator.
 * Cards cannot read env at run time (they run in HubSpot's worker), so the origin is baked in at upload time.
 */

/** Where the module lives, relative to srcDir. */
export const SERVICE_ORIGIN_FILE = 'app/cards/lib/serviceOrigin.ts';

const LINE = /^export const SERVICE_ORIGIN = '([^'\n]*)';$/m;

/** The whole file for `origin`; the header says who writes it, so nobody edits it by hand. */
export function renderServiceOriginModule(origin: string): string {
  return [
    '// Written by `npm run hubspot:configure` (src/hubspotProject/configureHubspotProject.ts) from PUBLIC_ORIGIN.',
    '// Do not edit by hand: `npm run check:hubspot` fails unless this origin matches permittedUrls.fetch and the',
    '// webhook/workflow-action URLs in the *-hsmeta.json files.',
    `export const SERVICE_ORIGIN = '${origin}';`,
    '',
  ].join('\n');
}

/** The origin the module exports, or undefined when the export line is missing or reshaped. */
export function parseServiceOriginModule(text: string): string | undefined {
  return LINE.exec(text)?.[1];
}
