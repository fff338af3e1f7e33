import { run } from '../../src/cli/main';
import { fakeContext, type FakeContext, type FakeContextOptions } from '../support/cli';
import { VERSION } from '../../src/version';
import pkg from '../../package.json';

function ctx(over: FakeContextOptions = {}): FakeContext {
  return fakeContext(over);
}

describe('okta-ou CLI entry', () => {
  test('version in src/version.ts matches package.json', () => {
    expect(VERSION).toBe(pkg.version);
  });

  test('--version prints the version and exits 0', async () => {
    const c = ctx();
    expect(await run(['--version'], c)).toBe(0);
    expect(c.out()).toBe(`okta-ou ${VERSION}\n`);
  });

  test.each(['validate', 'plan', 'apply', 'export'])('%s --version prints the version and runs nothing', async (name) => {
    // No mappings and no Okta settings: running the command would fail with exit 1.
    const c = ctx({ cwd: '/nonexistent-okta-ou-dir' });
    expect(await run([name, '--version', '--mappings', 'does-not-exist'], c)).toBe(0);
    expect([c.out(), c.err()]).toEqual([`okta-ou ${VERSION}\n`, '']);
  });

  test('--help lists every command and the exit codes', async () => {
    const c = ctx();
    expect(await run(['--help'], c)).toBe(0);
    for (const name of ['validate', 'plan', 'apply', 'export', 'sandbox']) expect(c.out()).toContain(`  ${name}`);
    expect(c.out()).toContain('Exit codes');
  });

  test('no command prints help and exits 1', async () => {
    const c = ctx();
    expect(await run([], c)).toBe(1);
    expect(c.out()).toContain('Usage: okta-ou <command>');
  });

  test('an unknown command says so, suggests help, exits 1', async () => {
    const c = ctx();
    expect(await run(['plna'], c)).toBe(1);
    expect(c.err()).toMatch(/^error USAGE unknown command "plna"\n {2}hint: did you mean plan\? one of validate, .*; see okta-ou --help\n$/);
  });

  test('an unknown flag is a usage error with exit 1, in the same shape as every other error', async () => {
    const c = ctx();
    expect(await run(['validate', '--bogus'], c)).toBe(1);
    expect(c.err()).toBe('error USAGE unknown option --bogus for validate\n  hint: see okta-ou validate --help for its options\n');
  });

  test.each([
    ['NO_COLOR set', { NO_COLOR: '1' }, []],
    ['--no-color', {}, ['--no-color']],
  ])('colour is off with %s even on a colour terminal', async (_n, env, flags) => {
    const c = ctx({ color: true, env });
    const coloured = ctx({ color: true });
    expect(await run(['validate', '--mappings', 'does-not-exist', ...flags], c)).toBe(1);
    await run(['validate', '--mappings', 'does-not-exist'], coloured);
    expect(c.err()).not.toMatch(/\u001b\[/);
    expect(coloured.err()).toMatch(/\u001b\[/);
  });
});
