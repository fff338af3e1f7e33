/**
 * `okta-ou sandbox`: the local Okta (src/sandbox) seeded with the demo org or an org file
 * (docs/design.md §2). stdout carries only the two `export` lines, then is closed, so
 * `eval "$(okta-ou sandbox &)"` returns while the server keeps serving; everything else goes to stderr. The token is the sandbox's own, random per run.
 */
import * as path from 'node:path';
import type { Command } from '../command';
import { EXIT, UsageError } from '../../errors';
import { startSandbox } from '../../sandbox';
import { RATE_LIMITS_HELP, rateLimitsOption, stopWithParent } from '../sandbox-options';

export const sandboxCommand: Command = {
  name: 'sandbox',
  summary: 'start the local Okta (demo org or --org FILE) and serve until stopped',
  usage: `Usage: okta-ou sandbox [--port N] [--org FILE] [--seed N]

Starts an HTTP server that behaves like the Okta Management API (apps, AD group assignments, groups,
profile mappings, app users, agent pools, System Log; SSWS and OAuth auth; Okta's paging, errors
and rate-limit headers), seeded with the built-in demo org or a YAML/JSON org file (format:
src/sandbox/README.md). Prints, on stdout:

  export OKTA_CLIENT_ORGURL=http://127.0.0.1:N
  export OKTA_CLIENT_TOKEN=…

then closes stdout, and serves until Ctrl-C (SIGINT) or SIGTERM. Requests are logged on stderr with
--verbose. Run it in the background: \`eval "$(okta-ou sandbox)"\` would wait for the server to stop.

Options:
  --port N         port to listen on (default: a free port)
  --org FILE       org file instead of the demo org (it may declare OAuth service apps)
  --seed N         seed for ids (default 1)
  ${RATE_LIMITS_HELP}

Started with npx, it also stops when the npx process ends.

Examples:
  okta-ou sandbox > okta.env & SANDBOX_PID=$!; until [ -s okta.env ]; do sleep 0.1; done; . ./okta.env
  eval "$(okta-ou sandbox --port 8080 &)"
  okta-ou sandbox --org examples/sandbox-org.yaml --rate-limits workforce
`,
  options: { port: { type: 'string' }, org: { type: 'string' }, seed: { type: 'string' }, 'rate-limits': { type: 'string' } },
  async run(ctx, global, values) {
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`invalid --port "${String(values.port)}"`, 'use a number between 0 and 65535');
    const seed = values.seed === undefined ? 1 : Number(values.seed);
    if (!Number.isInteger(seed)) throw new UsageError(`invalid --seed "${String(values.seed)}"`, 'use an integer');
    const orgFile = values.org === undefined ? undefined : path.resolve(ctx.cwd, String(values.org));
    const limits = rateLimitsOption(values['rate-limits']);
    let sb;
    try {
      sb = await startSandbox({
        org: orgFile ?? 'demo', port, seed, ...limits,
        onRequest: global.verbose ? (e) => ctx.stderr.write(`${e.at} ${e.method} ${e.path} ${e.status}${e.fault ? ` (fault ${e.fault})` : ''}\n`) : undefined,
      });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE') throw new UsageError(`port ${port} on 127.0.0.1 is already in use`, 'choose another --port, or leave --port out to get a free one (the export lines say which)');
      if (code === 'EACCES') throw new UsageError(`port ${port} may not be used by this user`, 'choose a port above 1023, or leave --port out to get a free one');
      throw e;
    }
    ctx.stdout.write(`export OKTA_CLIENT_ORGURL=${sb.url}\nexport OKTA_CLIENT_TOKEN=${sb.token}\n`);
    // Nothing else goes to stdout: end it, so `eval "$(okta-ou sandbox &)"` returns while the server runs.
    ctx.endStdout?.();
    ctx.stderr.write(`okta-ou sandbox: serving ${orgFile ? orgFile : 'the demo org'} at ${sb.url} (Ctrl-C to stop)\n`);
    let unwatch = (): void => undefined;
    await new Promise<void>((resolve) => {
      unwatch = stopWithParent(ctx.env, () => {
        ctx.stderr.write('okta-ou sandbox: the process that started it (npx) ended\n');
        resolve();
      });
      if (ctx.signal) {
        if (ctx.signal.aborted) return resolve();
        ctx.signal.addEventListener('abort', () => resolve(), { once: true });
      } else {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      }
    });
    unwatch();
    await sb.close();
    ctx.stderr.write('okta-ou sandbox: stopped\n');
    return EXIT.OK;
  },
};
