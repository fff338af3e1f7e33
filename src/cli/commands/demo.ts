/**
 * `okta-ou demo`: start the local Okta in-process with the built-in demo org, plan the example
 * `mappings/` shipped with okta-ou against it, print the plan, stop the local Okta. No real Okta, no
 * network beyond 127.0.0.1.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from '../command';
import { OktaOuError } from '../../errors';
import { startSandbox } from '../../sandbox';
import { runPlan } from './plan';
import { RATE_LIMITS_HELP, rateLimitsOption } from '../sandbox-options';

/** The okta-ou package root: the nearest folder up from here whose package.json is okta-ou's (works from src/ and dist/src/). */
export function packageRoot(from: string = __dirname): string {
  let dir = from;
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg)) {
      try {
        if ((JSON.parse(fs.readFileSync(pkg, 'utf8')) as { name?: string }).name === 'okta-ou') return dir;
      } catch {
        // not ours; keep looking
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir)
      throw new OktaOuError('DEMO_FILES_MISSING', `cannot find the okta-ou package folder (with the example mappings/) above ${from}`, {
        hint: 'reinstall okta-ou (npm install okta-ou), or run the demo from a clone of the repository: npm run demo',
      });
    dir = parent;
  }
}

export const demoCommand: Command = {
  name: 'demo',
  summary: 'plan the example mappings against a local Okta with a demo org (no real Okta needed)',
  usage: `Usage: okta-ou demo [--rate-limits P]

Starts the local Okta in-process with the built-in demo org (two AD domains, ~40 users), runs
\`okta-ou plan\` on the example mappings/ shipped with okta-ou, prints the plan, and stops.
Nothing leaves 127.0.0.1; no Okta org or token is needed.

Options:
  ${RATE_LIMITS_HELP}
                   (the plan then paces its reads as it would against such an org, and says when it waits)

Examples:
  npm run demo
  npx okta-ou demo --no-color
  npx okta-ou demo --rate-limits integrator-free
`,
  options: { 'rate-limits': { type: 'string' } },
  withoutGlobals: {
    mappings: 'the demo plans the example mappings shipped with okta-ou; to plan your own folder, run okta-ou sandbox and okta-ou plan --mappings DIR',
    'org-url': 'the demo only talks to its own local Okta; to plan against an org, run okta-ou plan',
  },
  async run(ctx, global, values) {
    const limits = rateLimitsOption(values['rate-limits']);
    const root = packageRoot();
    const mappings = path.join(root, 'mappings');
    const sb = await startSandbox({ org: 'demo', ...limits });
    try {
      ctx.stderr.write(`okta-ou demo: planning mappings/ against a local Okta at ${sb.url} (demo org)\n`);
      return await runPlan(
        // Only the local Okta's settings: an ambient OKTA_CLIENT_* must never point the demo at a real org.
        { ...ctx, cwd: root, env: { OKTA_CLIENT_ORGURL: sb.url, OKTA_CLIENT_TOKEN: sb.token } },
        { ...global, mappings, orgUrl: undefined },
        // --check-placement: the demo shows USER_SCOPE_ASSIGNMENT and USER_OU_MISMATCH (its org is small).
        { format: 'text', detailedExitcode: false, checkPlacement: true },
      );
    } finally {
      await sb.close();
    }
  },
};
