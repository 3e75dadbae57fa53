import type { CardStatusResponse } from '@switchboard/contract';
import type { InstallationsRepo } from './installationsRepo.ts';

/** What the status card shows for a portal: derived from its installation row, nothing else. */
export function connectionStatus(installations: InstallationsRepo, portalId: number): CardStatusResponse {
  const installation = installations.find(portalId);
  if (!installation || installation.status === 'uninstalled') {
    return {
      portalId,
      state: 'not_connected',
      message: 'Switchboard is not connected to this HubSpot account. An admin can install it from the Marketplace.',
      connectedSince: null,
    };
  }
  if (installation.status === 'needs_reauthorization') {
    return {
      portalId,
      state: 'needs_reauthorization',
      message: `Switchboard needs to be re-authorized: ${installation.statusReason ?? 'HubSpot refused our credentials'}. Work is paused, not lost.`,
      connectedSince: installation.installedAt,
    };
  }
  return {
    portalId,
    state: 'connected',
    message: 'Switchboard is connected and syncing.',
    connectedSince: installation.installedAt,
  };
}
