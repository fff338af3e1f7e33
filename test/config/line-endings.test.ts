import { parseDesired } from '../../src/config';

const text = 'version: 1\ndirectories:\n  corp:\n    app: corp.example.com\n    importOUs: ["OU=Employees,DC=corp"]\n    groups:\n      - group: Eng\n        ou: OU=Eng,OU=Employees,DC=corp\n';

test('CRLF line endings and a byte-order mark read the same, at the same positions', () => {
  const plain = parseDesired([{ path: 'a.yaml', text }]);
  const windows = parseDesired([{ path: 'a.yaml', text: `\uFEFF${text.replace(/\n/g, '\r\n')}` }]);
  expect(windows.findings).toEqual([]);
  expect(windows.desired).toEqual(plain.desired);
});

test('a file that is a single word is not a mapping file', () => {
  expect(parseDesired([{ path: 'a.yaml', text: 'hello\n' }]).findings).toEqual([
    expect.objectContaining({ code: 'SCHEMA', line: 1, column: 1, message: 'the file must be a mapping (key: value lines), found the text "hello"' }),
  ]);
});
