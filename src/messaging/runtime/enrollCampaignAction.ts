import type { CampaignEngine } from '../campaigns/engine.ts';
import type { CampaignsRepo } from '../campaigns/campaignsRepo.ts';
import type { ActionExecution, ActionExecutor, ActionResult } from '../../workflowActions/index.ts';

/**
 * The custom workflow action *Enroll in WhatsApp campaign* (issue 7 §8: campaigns are enrolled via the API or a
 * workflow). Enrolling is one local write, so it answers at once; it is idempotent per campaign and contact
 * (a workflow that re-enrolls the contact gets the existing enrollment), and the campaign sweep does the rest.
 */
const fail = (status: string): ActionResult => ({ state: 'FAIL_CONTINUE', outputFields: { enrollmentId: '', status } });

export function createEnrollCampaignAction(deps: {
  campaigns: Pick<CampaignsRepo, 'list'>;
  engine: Pick<CampaignEngine, 'enroll'>;
  now: () => number;
}): ActionExecutor {
  return {
    start(execution: ActionExecution): ActionResult {
      const name = String(execution.inputFields.campaignName ?? '').trim();
      if (!name) return fail('invalid_input: campaignName is required');
      const campaign = deps.campaigns.list(execution.origin.portalId).find((c) => c.name === name);
      if (!campaign) return fail(`invalid_input: no campaign named "${name}"`);
      if (campaign.status !== 'active') return fail(`campaign_${campaign.status}`);
      const { enrollment, created } = deps.engine.enroll(campaign.id, String(execution.object.objectId), deps.now());
      return {
        state: 'SUCCESS',
        outputFields: {
          enrollmentId: String(enrollment.id),
          status: created ? 'enrolled' : `already_${enrollment.status}`,
        },
      };
    },
  };
}
