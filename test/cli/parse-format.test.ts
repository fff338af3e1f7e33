/** --format is checked the same way, with the same words, by every command that has it. */
import { parseFormat } from '../../src/cli/parse-format';
import { runCli } from '../support/cli';

test('parseFormat: the first choice by default, the value when allowed, else a USAGE error listing the choices', () => {
  expect(parseFormat(undefined, ['text', 'json'])).toBe('text');
  expect(parseFormat('json', ['text', 'json'])).toBe('json');
  expect(() => parseFormat('xml', ['text', 'json'])).toThrow(expect.objectContaining({ code: 'USAGE', message: 'unknown format "xml"', hint: 'use --format text or json' }));
  expect(() => parseFormat('yaml', ['text', 'markdown', 'json'])).toThrow(
    expect.objectContaining({ code: 'USAGE', message: 'unknown format "yaml"', hint: 'use --format text, markdown or json' }),
  );
});

test.each([
  ['validate', 'use --format text, json or github'],
  ['plan', 'use --format text, markdown or json'],
])('okta-ou %s --format xml: the same error shape, before reading anything', async (command, hint) => {
  const r = await runCli([command, '--format', 'xml', '--mappings', 'no/such/folder'], { env: {} });
  expect(r).toEqual({ code: 1, stdout: '', stderr: `error USAGE unknown format "xml"\n  hint: ${hint}\n` });
});
