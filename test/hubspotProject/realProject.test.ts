import { describe, expect, it } from 'vitest';
import { checkHubspotProject } from '../../src/hubspotProject/checkHubspotProject.ts';
import { formatReport } from '../../src/hubspotProject/formatReport.ts';
import { REPO_ROOT } from './projectCopy.ts';

describe('the Switchboard HubSpot project in extensions/', () => {
  it('passes the checker with one app, the status card, webhooks and the WhatsApp action on one origin', async () => {
    const result = await checkHubspotProject(REPO_ROOT);

    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.components).toEqual(
      expect.arrayContaining([
        { uid: 'switchboard_app', type: 'app', file: 'app/app-hsmeta.json' },
        { uid: 'switchboard_status_card', type: 'card', file: 'app/cards/status-card-hsmeta.json' },
        { uid: 'switchboard_webhooks', type: 'webhooks', file: 'app/webhooks/webhooks-hsmeta.json' },
        { uid: 'send_whatsapp', type: 'workflow-action', file: 'app/workflow-actions/send-whatsapp-hsmeta.json' },
      ]),
    );
    expect(result.origin).toMatch(/^https:\/\//);
  });

  it('prints a summary naming each component and the origin', async () => {
    const report = formatReport(await checkHubspotProject(REPO_ROOT));

    expect(report).toMatch(/^HubSpot project OK: switchboard \(platform 2025\.2, srcDir extensions\)/);
    expect(report).toMatch(/workflow-action\s+send_whatsapp\s+app\/workflow-actions\/send-whatsapp-hsmeta\.json/);
    expect(report).toMatch(/origin: https:\/\//);
  });
});
