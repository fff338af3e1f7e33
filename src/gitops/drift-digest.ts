/**
 * A stable digest of a plan's drift: what differs between the files and Okta, and the problems found.
 * The scheduled drift job stores it in the drift issue (a hidden marker) and only touches the issue when
 * it changes, so an unchanged drift does not notify anyone again (docs/anchors.md §10.10). Pure.
 *
 * In: each change's identity and its before/after; error and warning findings by code, place and message.
 * Out, because they move without the drift moving: createdAt, tool version, org URL, budget, fingerprint
 * (it covers `lastUpdated`), member counts (people join groups; also the numbers inside finding messages,
 * e.g. "its 42 existing users"), reasons (wording may change between okta-ou versions), info findings,
 * and finding line/column (editing a file shifts them).
 */
import { createHash } from 'node:crypto';
import type { Change, Finding, Plan } from '../model/types';
import { canonicalJson } from '../model/sorted-json';

/** What identifies a change and what it does: no member count, no reason (wording), no positions. */
export function changeKey(c: Change): unknown {
  if (c.kind === 'userScope') return { id: c.id, directory: c.directory, kind: c.kind, action: c.action };
  if (c.kind === 'adGroupMembership') {
    return { id: c.id, directory: c.directory, kind: c.kind, action: c.action, add: c.add.map((u) => u.id), remove: c.remove.map((u) => u.id) };
  }
  if (c.kind === 'assignment') {
    return {
      id: c.id,
      directory: c.directory,
      kind: c.kind,
      action: c.action,
      group: c.group.id,
      before: c.before,
      after: c.after,
      moves: c.moves?.map((m) => ({ group: m.group.id, from: m.from, to: m.to })),
    };
  }
  return { id: c.id, directory: c.directory, kind: c.kind, action: c.action, property: c.property, before: c.before, after: c.after };
}

function findingKey(f: Finding): unknown {
  return { code: f.code, severity: f.severity, directory: f.directory, file: f.file, object: f.object && { type: f.object.type, id: f.object.id }, message: f.message.replace(/\d+/g, '#') };
}

const canon = (xs: unknown[]): string[] => xs.map(canonicalJson).sort();
const sha256 = (payload: unknown): string => `sha256:${createHash('sha256').update(JSON.stringify(payload)).digest('hex')}`;

/**
 * `sha256:<hex>` over the changes alone: what `apply` would do. The plan comment carries it, so the
 * apply after the merge can tell whether it is about to apply what the reviewers saw.
 */
export function changesDigest(plan: Plan): string {
  return sha256({ changes: canon(plan.changes.map(changeKey)) });
}

/** `sha256:<hex>` over the drift of `plan` (see the module comment); equal drift gives an equal digest. */
export function driftDigest(plan: Plan): string {
  return sha256({
    changes: canon(plan.changes.map(changeKey)),
    findings: canon(plan.findings.filter((f) => f.severity !== 'info').map(findingKey)),
  });
}
