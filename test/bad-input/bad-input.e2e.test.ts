/**
 * Bad input, end to end: each case is a mapping folder (or a command line) a person could really produce.
 * `validate`, `plan` and `apply --auto-approve` each exit 1 with one clear line naming file:line:col, the
 * code and what is wrong, plus a hint; never a stack trace; and the local Okta's audit shows no write (no
 * call at all when the files cannot be read).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MAX_MAPPING_FILE_BYTES } from '../../src/config/read-desired';
import { project, runAgainst, useSandbox } from '../support/sandbox';

const EMP = 'OU=Employees,DC=corp,DC=example,DC=com';
const head = 'version: 1\ndirectories:\n  corp:\n    app: corp.example.com\n';
const withGroup = (group: string, ou = `OU=Marketing,${EMP}`): string =>
  `${head}    importOUs: ["${EMP}"]\n    groups:\n      - group: ${group}\n        ou: ${ou}\n`;

interface Case {
  name: string;
  file: string | Buffer;
  /** The first finding line: file:line:col: error CODE message. */
  line: string;
  /** Text the hint must contain. */
  hint: string;
  /** Files okta-ou refuses to read make no Okta call at all; live findings need reads (never writes). */
  reads: boolean;
  /** validate finds it too (not only plan). */
  static: boolean;
}

const latin1 = Buffer.concat([Buffer.from(`${head}    importOUs: ["OU=M`), Buffer.from([0xfc]), Buffer.from(`nchen,DC=corp,DC=example,DC=com"]\n`)]);
const utf16 = (bom: boolean): Buffer => Buffer.concat([bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(withGroup('Marketing'), 'utf16le')]);

const CASES: Case[] = [
  {
    name: 'a Latin-1 byte', file: latin1, reads: false, static: true,
    line: 'mappings/corp.yaml:5:22: error ENCODING byte 0xFC is not valid UTF-8 (the file looks like Windows-1252 / ISO-8859-1 (Latin-1)); mapping files must be UTF-8',
    hint: 'iconv -f WINDOWS-1252 -t UTF-8 mappings/corp.yaml',
  },
  {
    name: 'UTF-16 with a byte order mark', file: utf16(true), reads: false, static: true,
    line: 'mappings/corp.yaml:1:1: error ENCODING the file is UTF-16 (little-endian, with a byte order mark); mapping files must be UTF-8',
    hint: 'iconv -f UTF-16 -t UTF-8',
  },
  {
    name: 'UTF-16 without a byte order mark', file: utf16(false), reads: false, static: true,
    line: 'mappings/corp.yaml:1:2: error ENCODING the file holds a NUL byte (0x00) (the file looks like UTF-16 (little-endian, no byte order mark)); mapping files must be UTF-8',
    hint: 'iconv -f UTF-16LE -t UTF-8',
  },
  {
    name: 'a file over the size limit', file: Buffer.alloc(MAX_MAPPING_FILE_BYTES + 1, '#'), reads: false, static: true,
    line: 'mappings/corp.yaml:1:1: error FILE_TOO_LARGE the file is 4.0 MB, over the 4.0 MB limit for one mapping file',
    hint: 'a mapping file is a few KB',
  },
  {
    name: 'a zero-width space inside a key', file: `${head}    import\u200bOUs: ["${EMP}"]\n`, reads: false, static: true,
    line: 'mappings/corp.yaml:5:5: error SCHEMA unknown key "import\\u200bOUs" in directories.corp',
    hint: 'did you mean "importOUs"?',
  },
  {
    name: 'a byte order mark inside a key', file: `${head}    \ufeffimportOUs: ["${EMP}"]\n`, reads: false, static: true,
    line: 'mappings/corp.yaml:5:5: error SCHEMA unknown key "\\ufeffimportOUs" in directories.corp',
    hint: 'did you mean "importOUs"?',
  },
  {
    name: 'a multi-valued RDN', file: withGroup('Marketing', `OU=Marketing+CN=x,${EMP}`), reads: true, static: true,
    line: `mappings/corp.yaml:8:13: error INVALID_DN OU "OU=Marketing+CN=x,${EMP}" of group "Marketing" has a multi-valued RDN (ou=…+cn=…), and an AD OU has one value per RDN`,
    hint: 'escape a "+" inside a name as "\\+"',
  },
  {
    name: 'a NUL escape in an OU', file: withGroup('Marketing', `OU=Mark\\00eting,${EMP}`), reads: true, static: true,
    line: `mappings/corp.yaml:8:13: error INVALID_DN OU "OU=Mark\\\\00eting,${EMP}" of group "Marketing" holds a NUL character (\\00), which AD does not allow in a name`,
    hint: 'remove the \\00 escape',
  },
  {
    name: 'a group name with a Cyrillic lookalike letter', file: withGroup('M\u0430rketing'), reads: true, static: false,
    line: 'mappings/corp.yaml:7:9: error GROUP_NOT_FOUND group "M\\u0430rketing" matches no Okta group',
    hint: 'did you mean "Marketing"?',
  },
  {
    name: 'a misspelt group name', file: withGroup('Marketting'), reads: true, static: false,
    line: 'mappings/corp.yaml:7:9: error GROUP_NOT_FOUND group "Marketting" matches no Okta group',
    hint: 'did you mean "Marketing"?',
  },
  {
    name: 'a group name with a trailing space', file: withGroup('"Marketing "'), reads: true, static: false,
    line: 'mappings/corp.yaml:7:9: error GROUP_NOT_FOUND group "Marketing " matches no Okta group',
    hint: 'did you mean "Marketing"?',
  },
  {
    name: 'a misspelt app label', file: `version: 1\ndirectories:\n  corp:\n    app: corp.exmaple.com\n    importOUs: ["${EMP}"]\n`, reads: true, static: false,
    line: 'mappings/corp.yaml:4:10: error APP_NOT_FOUND directory "corp": no Okta app matches "corp.exmaple.com"',
    hint: 'did you mean "corp.example.com"?',
  },
  {
    name: 'an AD group whose members name both a group and users', reads: false, static: true,
    file: `${head}    importOUs: ["${EMP}"]\n    adGroups:\n      - group: VPN Users\n        members: { fromGroup: VPN, users: [ada@corp.example.com] }\n`,
    line: 'mappings/corp.yaml:8:18: error SCHEMA directories.corp.adGroups[0].members has 2 keys (fromGroup, users); it takes only one of "fromGroup", "users"',
    hint: 'write one: fromGroup (An Okta group (name or id) whose members the AD group gets) or users (Okta users by login or id)',
  },
  {
    name: 'an AD group with no members source', reads: false, static: true,
    file: `${head}    importOUs: ["${EMP}"]\n    adGroups:\n      - group: VPN Users\n        members: {}\n        mode: authoritative\n`,
    line: 'mappings/corp.yaml:8:18: error SCHEMA directories.corp.adGroups[0].members is empty; it needs one of "fromGroup", "users"',
    hint: 'write one: fromGroup',
  },
];

const sb = useSandbox();

function folder(file: string | Buffer): string {
  const cwd = project({});
  fs.writeFileSync(path.join(cwd, 'mappings', 'corp.yaml'), file);
  return cwd;
}

describe.each(CASES)('$name', (c) => {
  test.each([['validate'], ['plan'], ['apply', '--auto-approve']])('%s: exit 1, the finding at file:line:col with a hint, no stack, no write', async (...argv) => {
    const cwd = folder(c.file);
    sb.audit.length = 0;
    const r = await runAgainst(sb, cwd, [...argv, '--no-color']);
    const out = r.stdout + r.stderr;
    if (argv[0] === 'validate' && !c.static) {
      expect(r.code).toBe(0);
      return;
    }
    expect(r.code).toBe(1);
    expect(out.split('\n')).toContain(c.line);
    const hint = out.split('\n')[out.split('\n').indexOf(c.line) + 1];
    expect(hint).toMatch(/^ {2}hint: /);
    expect(hint).toContain(c.hint);
    expect(out).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
    expect(out).not.toContain('INTERNAL');
    expect(sb.audit.filter((e) => e.method !== 'GET')).toEqual([]);
    if (!c.reads) expect(sb.audit).toEqual([]);
  });
});

// Command lines as Terraform users type them: refused before any file or Okta access.
describe.each([
  [['plan', '-out', 'plan.json'], 'error USAGE unknown option -out (one dash) for plan', 'did you mean --out?'],
  [['plan', '-detailed-exitcode'], 'error USAGE unknown option -detailed-exitcode (one dash) for plan', 'did you mean --detailed-exitcode?'],
  [['apply', '-auto-approve'], 'error USAGE unknown option -auto-approve (one dash) for apply', 'did you mean --auto-approve?'],
  [['plan', '--format', 'yaml'], 'error USAGE unknown format "yaml"', 'text'],
  [['demo', '--mappings', 'mine'], 'error USAGE demo does not take --mappings', 'okta-ou plan --mappings DIR'],
])('%j', (argv, line, hint) => {
  test('exit 1, one error line and its hint, no stack, no file written, no Okta call', async () => {
    const cwd = folder(withGroup('Marketing'));
    sb.audit.length = 0;
    const r = await runAgainst(sb, cwd, argv);
    expect(r.code).toBe(1);
    const lines = r.stderr.split('\n');
    expect(lines[0]).toBe(line);
    expect(lines[1]).toMatch(/^ {2}hint: /);
    expect(lines[1]).toContain(hint);
    expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
    expect(fs.readdirSync(cwd)).toEqual(['mappings']);
    expect(sb.audit).toEqual([]);
  });
});
