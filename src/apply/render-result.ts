/**
 * The apply result as text (for people) and JSON (for CI logs). Pure: returns strings.
 */
import type { Change, Plan } from '../model/types';
import { stringifySorted } from '../model/sorted-json';
import { terminalSafe } from '../render/terminal-safe';
import { mappingName } from '../model/user-types';
import type { ApplyResult } from './execute';

/** Group names and Okta's errorSummary may hold control characters (an ESC sequence): shown escaped. */
const safeLines = (lines: string[]): string => lines.map(terminalSafe).join('\n');

/** One line naming a change, e.g. `corp: create "Marketing" (priority 7)`. */
export function describeChange(c: Change): string {
  if (c.kind === 'userScope') return `${c.directory}: convert ${c.user.login ?? c.user.id} to group scope`;
  if (c.kind === 'adGroupMembership') return `${c.directory}: AD group "${c.group.name}" +${c.add.length} -${c.remove.length} member(s)`;
  if (c.kind === 'attributeMapping') {
    const verb = c.action === 'delete' ? 'remove' : c.action === 'create' ? 'add' : 'update';
    return `${c.directory}: ${verb} mapping property ${mappingName(c.userType, c.property)}`;
  }
  switch (c.action) {
    case 'create':
      return `${c.directory}: assign "${c.group.name}" at priority ${c.after?.priority}`;
    case 'update':
      return `${c.directory}: update "${c.group.name}"`;
    case 'delete':
      return `${c.directory}: unassign "${c.group.name}"`;
    case 'reorder':
      return `${c.directory}: reorder ${(c.moves ?? []).length} group(s)`;
  }
}

function labelOf(plan: Plan): (id: string) => string {
  const byId = new Map(plan.changes.map((c) => [c.id, describeChange(c)]));
  return (id) => `${byId.get(id) ?? id}  [${id}]`;
}

export function renderApplyResultText(plan: Plan, r: ApplyResult): string {
  const label = labelOf(plan);
  const n = plan.changes.length;
  const lines: string[] = [];
  if (!r.failed && !r.interrupted) {
    lines.push(`Apply complete: ${r.applied.length} of ${n} change(s) applied and verified (${r.requests.sent} write request(s)).`);
    for (const id of r.applied) lines.push(`  ✓ ${label(id)}`);
    for (const l of r.restored) lines.push(`  ↺ ${l}`);
    return `${safeLines(lines)}\n`;
  }
  if (r.failed?.code === 'VERIFY_UNAVAILABLE') return `${renderUnverified(r, label, n)}\n`;
  const head = r.interrupted ? 'Apply interrupted' : r.failed?.code === 'VERIFY_FAILED' ? 'Apply did not take' : 'Apply stopped';
  const failures = r.failed ? [r.failed, ...(r.alsoFailed ?? [])] : [];
  const failedCount = failures.reduce((k, f) => k + f.changeIds.length, 0);
  lines.push(
    `${head}: ${r.applied.length} of ${n} change(s) done, ${r.failed ? `${failedCount} failed, ` : ''}` +
      `${r.partial.length} partly done, ${r.notAttempted.length} not attempted (${r.requests.sent} of ${r.requests.total} write request(s) sent).`,
  );
  for (const id of r.applied) lines.push(`  ✓ done          ${label(id)}`);
  for (const f of failures) {
    for (const id of f.changeIds) lines.push(`  ✗ failed        ${label(id)}`);
    const where = f.request && !f.message.includes(f.request.path) ? `${f.request.method} ${f.request.path}: ` : '';
    const rid = f.requestId && !f.message.includes(f.requestId) ? ` (X-Okta-Request-Id ${f.requestId})` : '';
    if (f.code !== 'VERIFY_FAILED') lines.push(`    ${f.code} ${where}${f.message}${rid}`);
    if (f.hint && (f === r.failed || f.hint !== r.failed?.hint)) lines.push(`    hint: ${f.hint}`);
  }
  for (const m of r.mismatches) lines.push(`    ${m}`);
  for (const l of r.restored) lines.push(`  ↺ ${l}`);
  for (const id of r.partial) lines.push(`  ~ partly done   ${label(id)}`);
  for (const id of r.notAttempted) lines.push(`  · not attempted ${label(id)}`);
  // A VERIFY_FAILED with no change of the plan in it (only an unmanaged assignment moved) has its own hint above.
  const onlyUnmanagedMoved = r.failed?.code === 'VERIFY_FAILED' && r.failed.changeIds.length === 0;
  if (!onlyUnmanagedMoved) lines.push('  hint: run `okta-ou plan` to see what is left, then `okta-ou apply` to finish it; nothing done is undone');
  return `${safeLines(lines)}\n`;
}

/** Every request succeeded but the read-back failed: sent, not known to have taken (not "partly done"). */
function renderUnverified(r: ApplyResult, label: (id: string) => string, n: number): string {
  const f = r.failed!;
  const lines = [
    `Apply sent, not verified: ${r.unverified.length} of ${n} change(s) sent (${r.requests.sent} of ${r.requests.total} write request(s), every one answered OK), but reading them back from Okta failed.`,
  ];
  for (const id of r.unverified) lines.push(`  ✓ sent, not verified  ${label(id)}`);
  const rid = f.requestId && !f.message.includes(f.requestId) ? ` (X-Okta-Request-Id ${f.requestId})` : '';
  lines.push(`    ${f.code} ${f.message}${rid}`);
  if (f.hint) lines.push(`    hint: ${f.hint}`);
  lines.push('  hint: run `okta-ou plan` to check that the changes took (it shows "No changes" when they did); nothing was undone');
  return safeLines(lines);
}

export function renderApplyResultJson(r: ApplyResult): string {
  return stringifySorted({
    applied: r.applied,
    failed: r.failed,
    alsoFailed: r.alsoFailed,
    interrupted: r.interrupted,
    mismatches: r.mismatches,
    notAttempted: r.notAttempted,
    partial: r.partial,
    requests: r.requests,
    restored: r.restored,
    unverified: r.unverified,
    verified: r.verified,
  });
}
