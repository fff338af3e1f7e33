/**
 * Requests as data: what `apply` will send, computed before anything is sent (pure), so tests and
 * reviewers can see the exact sequence and the executor stays a thin loop.
 */
import type { AdGroupExpectation } from './ad-groups';
import type { ScopeExpectation } from './user-scope';

export type WriteMethod = 'PUT' | 'POST' | 'PATCH' | 'DELETE';

/** One HTTP request `apply` sends, and which plan changes it carries out. */
export interface ApplyRequest {
  method: WriteMethod;
  /** Path under the org URL, e.g. `/api/v1/apps/0oa…/groups/00g…`. */
  path: string;
  body?: unknown;
  /** The plan change ids this request (partly) carries out; a change is done when all of its requests are. */
  changeIds: string[];
  directory: string;
  /** One line for progress and reports, e.g. `PUT corp Sales priority 1`. */
  summary: string;
}

/** What a directory must look like once every request has run; `verify` compares the read-back to it. */
export interface DirectoryExpectation {
  directory: string;
  appId: string;
  /** Managed groups written by the plan: planned priority and the managed profile keys. null = deleted. */
  assignments: Record<string, { priority: number; profile: Record<string, unknown> } | null>;
  /** Every other assignment of the app with its priority before apply: it must not move. */
  untouched: Record<string, number>;
  /** Every assignment of the app as the plan read it (priority; NaN when unknown): re-checked right before the first write. */
  before: Record<string, number>;
  /** Group id → name, for reports. */
  names: Record<string, string>;
  /** Which change each group belongs to (for reporting a mismatch against the change). */
  changeOf: Record<string, string[]>;
}

export interface MappingExpectation {
  directory: string;
  mappingId: string;
  /** Property → value it must have; null = absent. */
  properties: Record<string, { expression: string; pushStatus: string } | null>;
  changeIds: string[];
}

/**
 * The whole apply, in order: mapping fixes (alone, first), then per directory the sequential
 * priority-sensitive writes, the deletes (may run concurrently), and the final moves that had to wait
 * for a delete to free their slot.
 */
export interface WritePlan {
  mappings: ApplyRequest[];
  directories: Array<{
    directory: string;
    appId: string;
    writes: ApplyRequest[];
    deletes: ApplyRequest[];
    settle: ApplyRequest[];
  }>;
  expect: { assignments: DirectoryExpectation[]; mappings: MappingExpectation[]; adGroups?: AdGroupExpectation[]; scopes?: ScopeExpectation[] };
  /** Scope conversions (USER → GROUP), after the assignment writes, one at a time (user-scope.ts). */
  conversions?: ApplyRequest[];
  /** AD group membership batches, last, one at a time (ad-groups.ts). */
  adGroups?: ApplyRequest[];
  /** Every change id of the plan, in plan order. */
  changeIds: string[];
}
