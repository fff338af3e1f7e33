/**
 * The confirmation prompt needs only stdin to be a terminal: it asks on stderr, so `okta-ou apply | tee
 * apply.log` can still be confirmed. The built CLI runs as its own process under a pseudo-terminal
 * (util-linux `script`) against the local Okta over HTTP, with stdout piped away from that terminal.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { oktaEnv } from '../support/sandbox';
import { project, removeProjects, sandbox, writes, type Sandbox } from '../apply/support/harness';
import { expectCycleConverged } from '../apply/support/converged';
import { cycleOrg, cycleYaml } from '../apply/support/orgs';

const BIN = path.join(__dirname, '..', '..', 'bin', 'okta-ou.js');
const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).stdout?.includes('util-linux') ?? false;
const onPty = hasScript ? test : test.skip;

/** Single quotes for sh. */
const q = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

interface PtyRun {
  code: number;
  /** What the terminal showed (stderr, and stdout when it was not redirected). */
  terminal: string;
}

/**
 * Runs `shellCommand` under a pseudo-terminal from `cwd`; types `answer` once `promptSeen` appears on
 * the terminal. Ends when the command does (script -e passes its exit code on).
 */
function underPty(shellCommand: string, cwd: string, env: Record<string, string>, answer?: { promptSeen: string; line: string }): Promise<PtyRun> {
  const child = spawn('script', ['-qec', shellCommand, '/dev/null'], { cwd, env: { ...process.env, ...env, NO_COLOR: '1' }, stdio: ['pipe', 'pipe', 'pipe'] });
  let terminal = '';
  let typed = false;
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (s: string) => {
    terminal += s;
    if (answer && !typed && terminal.includes(answer.promptSeen)) {
      typed = true;
      child.stdin.write(`${answer.line}\n`);
    }
  });
  child.stderr.resume();
  return new Promise((resolve) =>
    child.on('close', (code) => {
      child.stdin.destroy();
      resolve({ code: code ?? -1, terminal });
    }),
  );
}

beforeAll(() => {
  if (!fs.existsSync(path.join(__dirname, '..', '..', 'dist/src/cli/main.js'))) throw new Error('dist/src/cli/main.js is missing: build first (`npm run build`; `npm test` does it)');
});
afterAll(() => removeProjects());

describe('the prompt needs only stdin to be a terminal', () => {
  let sb: Sandbox;
  let cwd: string;
  beforeEach(async () => {
    sb = await sandbox({ org: cycleOrg });
    cwd = project({ 'corp.yaml': cycleYaml });
  });
  afterEach(async () => sb.close());

  onPty('`okta-ou apply | cat > apply.log`: asked on the terminal, "yes" applies; the plan and result go to the pipe', async () => {
    const log = path.join(cwd, 'apply.log');
    const status = path.join(cwd, 'status');
    // sh has no pipefail: okta-ou's own exit code is written beside the log.
    const r = await underPty(`{ node ${q(BIN)} apply; echo $? > ${q(status)}; } | cat > ${q(log)}`, cwd, oktaEnv(sb), { promptSeen: 'Only "yes" is accepted', line: 'yes' });
    expect([r.code, fs.readFileSync(status, 'utf8')]).toEqual([0, '0\n']);
    expect(r.terminal).toContain('Apply these 6 change(s)');
    const out = fs.readFileSync(log, 'utf8');
    expect(out).toContain('Plan: 2 to create');
    expect(out).toContain('Apply complete: 6 of 6 change(s) applied and verified');
    // The prompt is not in the piped output: it went to the terminal (stderr) only.
    expect(out).not.toContain('Only "yes" is accepted');
    expect(r.terminal).not.toContain(sb.token);
    expectCycleConverged(sb);
  });

  onPty('stdout on the terminal but stdin redirected: no prompt, APPROVAL_REQUIRED, nothing written', async () => {
    const r = await underPty(`node ${q(BIN)} apply < /dev/null`, cwd, oktaEnv(sb));
    expect(r.code).toBe(1);
    expect(r.terminal).toContain('APPROVAL_REQUIRED');
    expect(r.terminal).not.toContain('Only "yes" is accepted');
    expect(writes(sb)).toEqual([]);
  });
});
