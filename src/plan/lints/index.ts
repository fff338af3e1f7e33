import type { DesiredState, Finding } from '../../model/types';
import { staticLints } from './static';

export { staticLints } from './static';
export { liveLints } from './live';

/**
 * Runs the static lints (those that need only the desired state), for `validate` and `plan`. The live
 * lints need the planner's analysis: `buildPlan` runs them itself (build-plan.ts).
 */
export function runLints(ctx: { desired: DesiredState }): Finding[] {
  return staticLints.flatMap((l) => l.check(ctx));
}
