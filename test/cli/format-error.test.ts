import { formatError } from '../../src/cli/format-error';
import { OktaOuError, StalePlanError } from '../../src/errors';

describe('formatError', () => {
  test('a typed error: code, message, hint; Okta data cannot drive the terminal; lines are kept', () => {
    const e = new StalePlanError('plan is stale:\n  - "evil\u001b[2J" priority 0 → 1');
    expect(formatError(e, { color: false, verbose: false })).toBe(
      'error STALE_PLAN plan is stale:\n  - "evil\\u001b[2J" priority 0 → 1\n' +
        '  hint: run `okta-ou plan` again, review it, and apply the new plan\n',
    );
  });

  test('an unexpected error is reported as a bug, with the stack only under --verbose', () => {
    const quiet = formatError(new TypeError('x is undefined'), { color: false, verbose: false });
    expect(quiet).toBe(
      'error INTERNAL unexpected error (this is a bug in okta-ou): x is undefined\n' +
        '  hint: please report it with the command you ran; re-run with --verbose for the stack\n',
    );
    expect(formatError(new TypeError('x is undefined'), { color: false, verbose: true })).toContain('TypeError: x is undefined\n    at ');
  });

  test('an unexpected error cannot drive the terminal either: message and stack escaped, stack lines kept', () => {
    const e = new Error('bad label "x\u001b]0;owned\u0007"');
    e.stack = 'Error: bad label "x\u001b]0;owned\u0007"\n    at f (/a\u009b.js:1:1)';
    expect(formatError(e, { color: false, verbose: true })).toBe(
      'error INTERNAL unexpected error (this is a bug in okta-ou): bad label "x\\u001b]0;owned\\u0007"\n' +
        '  hint: please report it with the command you ran; re-run with --verbose for the stack\n' +
        'Error: bad label "x\\u001b]0;owned\\u0007"\n    at f (/a\\u009b.js:1:1)\n',
    );
  });

  test('colour only when asked', () => {
    expect(formatError(new OktaOuError('X', 'm'), { color: true, verbose: false })).toMatch(/^\u001b\[31merror\u001b\[39m X m\n$/);
  });
});
