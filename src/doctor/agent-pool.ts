/**
 * Which AD agent pool serves an AD app instance, and whether its agents are connected (pure).
 * The pool's id is taken to be the app's id, as in Okta's recorded responses (docs/okta-api.md §2:
 * UNCONFIRMED as a rule); a pool named like the app's label or domain is accepted when no id matches.
 */
import type { LiveApp } from '../model/types';
import type { RawAgentPool } from './types';

export function poolOf(app: LiveApp, pools: readonly RawAgentPool[]): RawAgentPool | undefined {
  const names = [app.label, app.namingContext].filter((n): n is string => !!n).map((n) => n.toLowerCase());
  return pools.find((p) => p.id === app.id) ?? pools.find((p) => typeof p.name === 'string' && names.includes(p.name.toLowerCase()));
}

export interface AgentSummary {
  connected: string[];
  /** "NAME STATUS" of every agent not operational. */
  down: string[];
}

/** An agent counts as connected when Okta reports it OPERATIONAL (spec OperationalStatus). */
export function agentSummary(pool: RawAgentPool): AgentSummary {
  const agents = pool.agents ?? [];
  const label = (a: { name?: string; id?: string }): string => a.name ?? a.id ?? '(unnamed)';
  return {
    connected: agents.filter((a) => a.operationalStatus === 'OPERATIONAL').map(label),
    down: agents
      .filter((a) => a.operationalStatus !== 'OPERATIONAL')
      .map((a) => `${label(a)} ${a.operationalStatus ?? 'status unknown'}${typeof a.lastConnection === 'number' ? `, last connected ${new Date(a.lastConnection).toISOString()}` : ''}`),
  };
}
