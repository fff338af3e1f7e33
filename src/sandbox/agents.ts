import type { OrgState } from './org-state';

/**
 * Takes a directory app's agents down or brings them back, for tests and demos of agent outages:
 * `disconnected` — every agent DISRUPTED (the agent pool shows it; the Directories Integration API
 * answers 502 "There are no connected agents"); `unresponsive` — still OPERATIONAL but never answering
 * (504 "Timed out waiting for agent"); `up` — every agent OPERATIONAL and answering.
 */
export function setAgents(org: OrgState, appLabelOrId: string, state: 'up' | 'disconnected' | 'unresponsive'): void {
  const app = org.findApp(appLabelOrId);
  const agents = app && org.agents.get(app.id);
  if (!agents?.length) throw new Error(`no agents for app ${appLabelOrId}`);
  for (const a of agents) {
    a.operationalStatus = state === 'disconnected' ? 'DISRUPTED' : 'OPERATIONAL';
    a.responding = state !== 'unresponsive';
    if (state !== 'disconnected') a.lastConnection = Math.floor(org.now() / 1000) * 1000;
  }
}
