/**
 * The saved plan is a contract, not a script (pure): `apply PLANFILE` plans again from the files and
 * live Okta and executes that fresh plan only when its changes equal the saved ones. This says what
 * differs, one line each; empty when they agree. Compared in canonical form: every field that decides
 * what is written (ids, kinds, actions, groups, before/after, moves, mapping properties), not the
 * explanation (`reason`) or the member counts (read only for a fresh plan).
 */
import type { Change, Plan } from '../model/types';
import { canonicalJson } from '../model/sorted-json';
import { describeChange } from './render-result';

function canonical(c: Change): string {
  const { reason: _reason, members: _members, ...rest } = c as Change & { members?: number };
  return canonicalJson(rest);
}

export function contractDifferences(saved: Plan, fresh: Plan): string[] {
  const lines: string[] = [];
  const freshById = new Map(fresh.changes.map((c) => [c.id, c]));
  const savedIds = new Set(saved.changes.map((c) => c.id));
  for (const c of saved.changes) {
    const f = freshById.get(c.id);
    if (!f) lines.push(`the plan file has a change okta-ou would not make: ${describeChange(c)}`);
    else if (canonical(f) !== canonical(c)) lines.push(`the plan file's change differs from okta-ou's: ${describeChange(c)} (okta-ou: ${describeChange(f)})`);
  }
  for (const c of fresh.changes) if (!savedIds.has(c.id)) lines.push(`the plan file lacks a change okta-ou would make: ${describeChange(c)}`);
  if (lines.length > 0 && saved.tool !== fresh.tool) lines.push(`the plan file was made by ${saved.tool}; this is ${fresh.tool}`);
  return lines;
}
