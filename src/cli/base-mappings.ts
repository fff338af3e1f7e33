/**
 * `plan --base-mappings DIR`: the base branch's mappings, planned against the same read of Okta as the
 * head's, so the plan can tell what the pull request changes from drift already there (src/gitops/pr-effect.ts).
 */
import type { CliContext } from './context';
import type { DesiredState, LiveState, Plan } from '../model/types';
import { isOktaOuError } from '../errors';
import { readDesired } from '../config';
import { buildPlan } from '../plan/build-plan';
import { desiredForBoth } from '../plan/union-desired';
import { splitPrEffect } from '../gitops/pr-effect';
import { renderPrEffectMarkdown, renderPrEffectText } from '../render/pr-effect';
import { staticFindings, UNREADABLE_FILE } from './planning';

/**
 * The base's desired state and what to read Okta for; a base without a mappings folder is empty (the
 * pull request adds the first files). Undefined, with a line on stderr, when the base's files cannot be
 * read: then no split is shown rather than a wrong one.
 */
export async function loadBaseMappings(
  ctx: CliContext,
  dir: string,
  head: DesiredState,
  log: (s: string) => void,
): Promise<{ desired: DesiredState; readFor: DesiredState } | undefined> {
  let desired: DesiredState;
  try {
    const loaded = await readDesired(dir, ctx.cwd);
    const broken = loaded.findings.filter((f) => f.severity === 'error' && UNREADABLE_FILE.has(f.code));
    if (broken.length > 0) {
      ctx.stderr.write(`warning: the base mappings in ${dir} cannot be read (${broken[0]!.code}); the plan does not tell this change from drift\n`);
      return undefined;
    }
    desired = loaded.desired;
  } catch (e) {
    if (!isOktaOuError(e) || e.code !== 'MAPPINGS_NOT_FOUND') throw e;
    log(`plan: no base mappings folder ${dir}; every change is this pull request's`);
    desired = { directories: [] };
  }
  return { desired, readFor: desiredForBoth(head, desired) };
}

/** The base's plan from the live state the head was planned against. */
export function planBase(desired: DesiredState, live: LiveState, head: Plan, directoryFilter?: string): Plan {
  return buildPlan({ desired, live, findings: staticFindings(desired, []), now: new Date(head.createdAt), tool: head.tool, reads: {}, directoryFilter });
}

export function renderBaseEffect(base: Plan, head: Plan): { markdown: string; text: string } {
  const effect = splitPrEffect(base, head);
  return { markdown: renderPrEffectMarkdown(effect), text: renderPrEffectText(effect) };
}
