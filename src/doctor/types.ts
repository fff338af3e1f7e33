/**
 * `okta-ou doctor`: what it reads from the org (DoctorFacts, gathered by read-org.ts) and what it
 * reports (DoctorLine, decided by the pure checks).
 */
import type { LiveApp, LiveAssignment } from '../model/types';

/** ✓ fine, ! worth knowing (exit 0), ✗ must be fixed (exit 1; 4 when Okta refused the credentials). */
export type DoctorStatus = 'ok' | 'warn' | 'fail';

export type DoctorCheck =
  | 'connection'
  | 'scopes'
  | 'mappings'
  | 'app'
  | 'agents'
  | 'ou-case'
  | 'ou-files'
  | 'priorities'
  | 'group-search'
  | 'rate-limits';

export interface DoctorLine {
  check: DoctorCheck;
  status: DoctorStatus;
  /** What was found, one line. */
  message: string;
  /** What to do (or what it means), when there is something to say. */
  hint?: string;
  directory?: string;
}

/** A read that failed: reported on the line of the check it served. */
export interface ReadFailure {
  message: string;
  hint?: string;
  /** Okta refused the credentials or their rights (401/403, a refused token request): exit 4. */
  auth: boolean;
}

export interface AccessFacts {
  orgUrl: string;
  mode: 'SSWS' | 'PrivateKey';
  clientId?: string;
  /** OAuth: OKTA_CLIENT_SCOPES as set; undefined when it is not set. */
  envScopes?: string[];
  /** OAuth: the scopes asked for one by one or together, and those the service app was granted. */
  probed?: string[];
  granted?: string[];
  /** The connection or the credentials failed: nothing else was read. */
  failure?: ReadFailure;
}

export interface AssignmentFact extends LiveAssignment {
  groupName: string;
  groupType: string;
}

export interface DirectoryFacts {
  name: string;
  /** `app:` as the files write it. */
  app: string;
  /** The apps it resolves to (none, one, or several with one label). */
  matches: LiveApp[];
  /** The app's group assignments; undefined when not read (see `skipped`). */
  assignments?: AssignmentFact[];
  skipped?: string;
  failure?: ReadFailure;
}

/** `GET /api/v1/agentPools` item (spec AgentPool / Agent), read leniently. */
export interface RawAgentPool {
  id?: string;
  name?: string;
  type?: string;
  operationalStatus?: string;
  agents?: Array<{ id?: string; name?: string; operationalStatus?: string; lastConnection?: number }> | null;
}

export interface GroupSearchFact {
  /** A group name Okta has, and the same name in changed case as searched. */
  name: string;
  searched: string;
  /** The search in changed case found that group. */
  found: boolean;
}

export interface DoctorFacts {
  access: AccessFacts;
  directories: DirectoryFacts[];
  pools?: RawAgentPool[];
  poolsSkipped?: string;
  poolsFailure?: ReadFailure;
  groupSearch?: GroupSearchFact;
  groupSearchSkipped?: string;
  groupSearchFailure?: ReadFailure;
  /** Headroom Okta reported per rate-limit bucket doctor called. */
  rateLimits: Record<string, { limit: number; remaining: number }>;
  /** The share of each bucket okta-ou uses (--max-capacity). */
  maxCapacity: number;
}
