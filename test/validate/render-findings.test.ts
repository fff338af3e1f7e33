import type { Finding } from '../../src/model/types';
import { findingsToJson, renderFindingsJson, renderFindingsText, sortFindings, summariseFindings } from '../../src/render/findings';

const f = (over: Partial<Finding>): Finding => ({ code: 'SCHEMA', severity: 'error', message: 'm', ...over });

test('sorted by file, line, column; live findings (no file) last', () => {
  const list = [
    f({ code: 'PRIORITY_DUPLICATE', severity: 'warning', directory: 'corp', object: { type: 'app', id: '0oa1' } }),
    f({ file: 'b.yaml', line: 1, column: 1 }),
    f({ file: 'a.yaml', line: 10, column: 2 }),
    f({ file: 'a.yaml', line: 9, column: 30 }),
    f({ file: 'a.yaml', line: 10, column: 1 }),
  ];
  expect(sortFindings(list).map((x) => `${x.file ?? '-'}:${x.line ?? ''}:${x.column ?? ''}`)).toEqual(['a.yaml:9:30', 'a.yaml:10:1', 'a.yaml:10:2', 'b.yaml:1:1', '-::']);
});

test('text: one line per finding, then hint and related places', () => {
  const text = renderFindingsText([
    f({ code: 'GROUP_NOT_FOUND', directory: 'corp', object: { type: 'group', id: '00g1', name: 'Eng' }, message: 'no such group', hint: 'check the name' }),
    f({ code: 'OU_NOT_IMPORT_OU', file: 'mappings/corp.yaml', line: 14, column: 13, message: 'not under an import OU', hint: 'add it', related: [{ file: 'mappings/corp.yaml', line: 7, column: 5 }] }),
  ]);
  expect(text).toBe(
    'mappings/corp.yaml:14:13: error OU_NOT_IMPORT_OU not under an import OU\n' +
      '  hint: add it\n' +
      '  see: mappings/corp.yaml:7:5\n' +
      'corp group 00g1 "Eng": error GROUP_NOT_FOUND no such group\n' +
      '  hint: check the name\n',
  );
  expect(renderFindingsText([])).toBe('');
});

test('colour: severity coloured only when asked', () => {
  const one = [f({ severity: 'warning', file: 'a.yaml', line: 1, column: 1 })];
  expect(renderFindingsText(one, { color: true })).toContain('\u001b[33mwarning');
  expect(renderFindingsText(one, { color: false })).not.toContain('\u001b[');
});

test('summary line', () => {
  expect(summariseFindings([], 2)).toBe('0 errors, 0 warnings in 2 files');
  expect(summariseFindings([f({}), f({}), f({ severity: 'warning' })], 3)).toBe('2 errors, 1 warning in 3 files');
  expect(summariseFindings([f({ severity: 'info' })])).toBe('0 errors, 0 warnings, 1 info');
});

test('JSON: sorted keys, sorted findings, undefined fields dropped', () => {
  const list = [f({ file: 'b.yaml', line: 2, column: 1, hint: undefined }), f({ file: 'a.yaml', line: 1, column: 1, hint: 'h' })];
  expect(JSON.stringify(findingsToJson(list))).toBe(
    '[{"code":"SCHEMA","column":1,"file":"a.yaml","hint":"h","line":1,"message":"m","severity":"error"},{"code":"SCHEMA","column":1,"file":"b.yaml","line":2,"message":"m","severity":"error"}]',
  );
  expect(JSON.parse(renderFindingsJson(list)).summary).toEqual({ errors: 2, infos: 0, warnings: 0 });
});
