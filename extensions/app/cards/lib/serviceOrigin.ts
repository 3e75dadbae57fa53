// Written by `npm run hubspot:configure` (src/hubspotProject/configureHubspotProject.ts) from PUBLIC_ORIGIN.
// Do not edit by hand: `npm run check:hubspot` fails unless this origin matches permittedUrls.fetch and the
// webhook/workflow-action URLs in the *-hsmeta.json files.
export const SERVICE_ORIGIN = 'https://switchboard.example.com';
