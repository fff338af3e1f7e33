import { renderFindingsJson, summariseFindings } from '../../src/render/findings';
import { plural } from '../../src/render/plural';
import type { Finding } from '../../src/model/types';

test('validate JSON: files, findings and summary through one renderer', () => {
  const f: Finding = { code: 'SCHEMA', severity: 'warning', message: 'm', file: 'mappings/a.yaml', line: 2, column: 3, hint: undefined };
  expect(renderFindingsJson([f], ['mappings/a.yaml'])).toBe(
    '{\n  "files": [\n    "mappings/a.yaml"\n  ],\n  "findings": [\n    {\n      "code": "SCHEMA",\n      "column": 3,\n      "file": "mappings/a.yaml",\n' +
      '      "line": 2,\n      "message": "m",\n      "severity": "warning"\n    }\n  ],\n  "summary": {\n    "errors": 0,\n    "infos": 0,\n    "warnings": 1\n  }\n}\n',
  );
  expect(Object.keys(JSON.parse(renderFindingsJson([])) as object)).toEqual(['findings', 'summary']);
});

test('one plural: digit grouping in the findings summary as in the plan summary', () => {
  expect(plural(1, 'change')).toBe('1 change');
  expect(plural(1200, 'member')).toBe('1,200 members');
  const many = Array.from({ length: 1000 }, (): Finding => ({ code: 'SCHEMA', severity: 'error', message: 'm' }));
  expect(summariseFindings(many, 1)).toBe('1,000 errors, 0 warnings in 1 file');
});
