import type { Finding } from '../../src/model/types';
import { renderFindingsText } from '../../src/render/findings';
import { renderPlanText } from '../../src/render/text';
import { terminalSafe } from '../../src/render/terminal-safe';
import { aCreate, aPlan } from '../support/plan-fixtures';

// Okta accepts control characters in group names and app labels; live findings quote them.
const EVIL = 'evil\u001b[31mred';
const CR = 'a\rb';

const groupFinding = (name: string): Finding => ({
  code: 'GROUP_NOT_FOUND',
  severity: 'error',
  message: `group "${name}" is not in Okta`,
  hint: `create "${name}" in Okta`,
  directory: 'corp',
  object: { type: 'group', id: '00g1', name },
});

test('control characters become visible \\uXXXX escapes; other text is unchanged', () => {
  expect(terminalSafe(EVIL)).toBe('evil\\u001b[31mred');
  expect(terminalSafe(CR)).toBe('a\\u000db');
  expect(terminalSafe('x\u0007\u007f\u009by\tz\n')).toBe('x\\u0007\\u007f\\u009by\\u0009z\\u000a');
  expect(terminalSafe('Ingénierie ↕ OU=Eng')).toBe('Ingénierie ↕ OU=Eng');
});

test('finding text: message, hint and location carry no control character', () => {
  const text = renderFindingsText([groupFinding(EVIL), groupFinding(CR)]);
  expect(text).toBe(
    'corp group 00g1 "a\\u000db": error GROUP_NOT_FOUND group "a\\u000db" is not in Okta\n' +
      '  hint: create "a\\u000db" in Okta\n' +
      'corp group 00g1 "evil\\u001b[31mred": error GROUP_NOT_FOUND group "evil\\u001b[31mred" is not in Okta\n' +
      '  hint: create "evil\\u001b[31mred" in Okta\n',
  );
});

test('finding text in colour: the only ESC sequences are our own colours', () => {
  const text = renderFindingsText([groupFinding(EVIL)], { color: true });
  expect(text).not.toContain('\u001b[31mred');
  expect(text).toContain('evil\\u001b[31mred');
  // eslint-disable-next-line no-control-regex
  expect(text.replace(/\u001b\[\d+m/g, '')).toBe(
    'corp group 00g1 "evil\\u001b[31mred": error GROUP_NOT_FOUND group "evil\\u001b[31mred" is not in Okta\n' +
      '  hint: create "evil\\u001b[31mred" in Okta\n',
  );
});

test('plan text: findings, changes and the app label are all sanitised', () => {
  const plan = aPlan([aCreate('corp', '00g1', EVIL, 'ou=eng,dc=corp,dc=example,dc=com', 1)], [groupFinding(CR)], {
    directories: [{ name: 'corp', appId: '0oa-CORP', appLabel: CR }],
  });
  const text = renderPlanText(plan, { color: false });
  // eslint-disable-next-line no-control-regex
  expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  expect(text).toContain('corp  (app a\\u000db, 0oa-CORP)\n');
  expect(text).toContain('  + evil\\u001b[31mred  priority 1  OU ou=eng,dc=corp,dc=example,dc=com\n');
  expect(text).toContain('corp group 00g1 "a\\u000db": error GROUP_NOT_FOUND group "a\\u000db" is not in Okta\n  hint: create "a\\u000db" in Okta\n');
});

test('invisible characters and lookalike letters inside a Latin word become escapes; plain Cyrillic, Greek and accents stay', () => {
  expect(terminalSafe('import\u200bOUs')).toBe('import\\u200bOUs');
  expect(terminalSafe('\ufeffversion')).toBe('\\ufeffversion');
  expect(terminalSafe('Marketing\u00a0')).toBe('Marketing\\u00a0');
  expect(terminalSafe('a\u202eb\u2028c')).toBe('a\\u202eb\\u2028c');
  expect(terminalSafe('M\u0430rketing')).toBe('M\\u0430rketing');
  expect(terminalSafe('Отдел продаж, Αθήνα, München')).toBe('Отдел продаж, Αθήνα, München');
  expect(terminalSafe('tag\u{e0041}')).toBe('tag\\u{e0041}');
});
