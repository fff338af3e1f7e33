import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { LineCounter, stringify } from 'yaml';
import { readSimpleYaml } from '../../src/config/simple-yaml';
import { SimplePositions } from '../../src/config/simple-positions';
import { PositionMapper, type Positions } from '../../src/config/positions';
import type { SourceRef } from '../../src/model/types';
import { parseYamlDocument } from '../../src/config/yaml-document';

/**
 * Reads `text` with the fast reader and, when it reads it, checks it against yaml as the loader runs it
 * (parseYamlDocument, with the loader's options): no error, the same value as toJS, and for every value
 * and key the line:column PositionMapper gives from the Document, asked by the whole path and from the
 * parent (`within`, once and twice); a path that does not exist falls back to the document's start, as with yaml.
 */
/** One cache for every generated text, as the loader shares one between the files of a load. */
const sharedResolved = new Map<string, string>();

function readLikeYaml(text: string, resolved?: Map<string, string>): 'read' | 'declined' {
  const fast = readSimpleYaml(text, resolved);
  if (fast === undefined) return 'declined';
  const lineCounter = new LineCounter();
  const doc = parseYamlDocument(text, lineCounter);
  expect(doc.errors.map((e) => e.message)).toEqual([]);
  expect(fast.data).toEqual(doc.toJS());
  const yamlPos = new PositionMapper('f.yaml', doc, lineCounter);
  const ours = SimplePositions.of('f.yaml', fast);
  // One line per path (what was asked, then every answer as line:column) keeps the comparison fast.
  const lc = (r: SourceRef | null): string => (r === null ? 'null' : `${r.file}:${r.line}:${r.column}`);
  const answers = (pos: Positions, segs: string[]): string =>
    [pos.ofPath(segs), pos.ofKeyOrNode(segs), pos.ofPath([...segs, 'no such key']), pos.ofKey(segs, 'no such key'), pos.ofPath([...segs, '99999']), pos.root()].map(lc).join(' ');
  const got: string[] = [];
  const expected: string[] = [];
  const visit = (value: unknown, segs: string[]): void => {
    const path = JSON.stringify(segs);
    const yamls = `${path} ${answers(yamlPos, segs)}`;
    got.push(`${path} ${answers(ours, segs)}`);
    expected.push(yamls);
    if (segs.length > 0) {
      const parent = ours.within(segs.slice(0, -1));
      got.push(`${path} ${answers(parent, segs.slice(-1))}`, `${path} ${answers(parent.within(segs.slice(-1)), [])}`);
      expected.push(yamls, yamls);
    }
    if (Array.isArray(value)) value.forEach((v, i) => visit(v, [...segs, String(i)]));
    else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        got.push(`${path} key ${JSON.stringify(k)} ${lc(ours.ofKey(segs, k))}`);
        expected.push(`${path} key ${JSON.stringify(k)} ${lc(yamlPos.ofKey(segs, k))}`);
        visit(v, [...segs, k]);
      }
    }
  };
  visit(fast.data, []);
  expect(got).toEqual(expected);
  return 'read';
}

const inSubset: Record<string, string> = {
  'flow entries, one a line': `version: 1
directories:
  ad0:
    app: ad0.example.com
    importOUs: ["OU=Staff,DC=ad0,DC=example,DC=com"]
    assignments: { mode: authoritative }
    groups:
      - { group: a0-g000000, ou: "OU=g0,OU=Staff,DC=ad0,DC=example,DC=com" }
      - { group: 'it''s', ou: OU=g1 , profile: {description: "x y", n: [1, 2.5, true, null, ~, 0x1F]} }
      - { group: "say \\"hi\\"", ou: "OU=Smith\\\\, Ann,DC=x" }
`,
  'block entries with comments and blank lines': `# header
---
version: 1   # the format
directories:

  corp:
    app: corp.example.com
    importOUs:
    - OU=Employees,DC=corp,DC=example,DC=com   # same indent as the key
    groups:
      # first
      - group: Engineering
        ou: OU=Engineering,OU=Employees,DC=corp,DC=example,DC=com
        profile:
          description: eng #not a comment start? it is: space before #
      -
        group: "Sales: EMEA"
        ou: 'OU=Sales'
    safety: { maxChangeShare: 0.5, minExisting: 3 }
    attributeMappings:
      prune:
      properties: {}
`,
  'CRLF line ends and quoted keys': 'version: 1\r\n"directories":\r\n  \'corp\' : { app: a, "k":v }\r\n',
  'spaces that are not YAML separators': 'a\u00a0: x\u00a0\nb: { c\u3000: d\u3000 }\n',
  'scalars yaml types': 'a: 10\nb: -3\nc: +.5\nd: 1e3\ne: .inf\nf: True\ng: NULL\nh: 0o17\ni: 12abc\nj: a#b\nk: "#x"\nl: []\n',
  'every double-quoted escape, resolved by yaml': 'a: "\\u0041\\x42\\t\\n\\\\ \\" \\/ \\0 \\e \\N \\_ \\L \\P \\U0001F600"\nb: { ou: "OU=Smith\\\\, Ann,DC=x" }\n',
  'colons, hashes and indicators inside plain scalars': 'a:b: c:d\ne: x #y\n?f: -g\nh: "i" # c\nj: {"k":l, m: n:o}\n',
  'trailing spaces, tabs inside scalars, no final line end': 'a: b   \nc: "d\te"  \ne: f\tg\nh: [ i , j ]   # c\nk: l',
  'empty values': 'a:\nb: # c\nc:\n\nd: 1\ne:',
  'CRLF line ends throughout': '# c\r\nversion: 1\r\nlist:\r\n- a\r\n-   b: 1\r\n    c: [x]\r\n\r\nm: { n: "o" }\r\n',
  'a sequence at its key\'s indentation, in a list item too': 'a:\n- x\n- b:\n  - y\n  c: 1\nd: 2\n',
  'a sequence at the top': '- a\n- { b: [c, [d, {e: f}]], g: h }\n-\n  i: 1\n',
  'a key of 1024 characters': `${'k'.repeat(1024)}: v\n`,
};

test('reads the forms mapping files are written in, as yaml does, positions included', () => {
  for (const [name, text] of Object.entries(inSubset)) expect({ name, r: readLikeYaml(text) }).toEqual({ name, r: 'read' });
});

test('scalars resolved for one text are taken as they are in the next (the loader shares them between files)', () => {
  const resolved = new Map<string, string>();
  const repeats = String.raw`k: "\x41b"
"\x41b": { k: "OU=a\\, b", "kk": [k, "k", 'k'] }
l: [1, "1", true, "true", "OU=a\\, b", null, "kk"]
"1": 2
`;
  for (const [name, text] of Object.entries({ ...inSubset, repeats, again: repeats })) expect({ name, r: readLikeYaml(text, resolved) }).toEqual({ name, r: 'read' });
  expect([...resolved.values()]).toEqual(expect.arrayContaining(['Ab', 'OU=a\\, b', 'k', 'kk']));
  for (const [name, text] of Object.entries(outsideSubset)) expect({ name, r: readSimpleYaml(text, resolved) }).toEqual({ name, r: undefined });
});

test('at most 20,000 texts are kept resolved per load; past that, scalars are resolved each time, to the same values', () => {
  const entries = Array.from({ length: 20_010 }, (_, i) => `  - { group: "g ${i}", ou: "OU=o${i % 7},DC=x" }`);
  const text = `groups:\n${entries.join('\n')}\n`;
  const resolved = new Map<string, string>();
  const read = readSimpleYaml(text, resolved);
  expect(resolved.size).toBe(20_000);
  expect(read?.data).toEqual(parseYamlDocument(text, new LineCounter()).toJS());
  // A second file of the same load: nothing more is kept, and it reads as yaml reads it.
  const more = `more: { a: "new text", b: "g 20005" }\n`;
  expect(readLikeYaml(more, resolved)).toBe('read');
  expect(resolved.size).toBe(20_000);
  expect(resolved.has('"new text"')).toBe(false);
});

const outsideSubset: Record<string, string> = {
  anchor: 'a: &x 1\nb: *x\n',
  tag: 'a: !!str 1\n',
  'block scalar': 'a: |\n  text\n',
  'multi-line plain scalar': 'a: one\n  two\n',
  'multi-line flow': 'a: { b: 1,\n  c: 2 }\n',
  'duplicate key': 'a: 1\na: 2\n',
  'duplicate flow key': 'a: { b: 1, b: 2 }\n',
  tab: 'a:\tb\n',
  directive: '%YAML 1.2\n---\na: 1\n',
  'two documents': 'a: 1\n---\nb: 2\n',
  'explicit key': '? a\n: b\n',
  'bad indentation': 'a:\n    b: 1\n  c: 2\n',
  'empty file': '# nothing\n',
  'scalar document': 'hello\n',
  'non-string key': '1: a\n',
  'merge key': '<<: { a: 1 }\n',
  'empty list item': 'a:\n  -\n  - b\n',
  'nested compact list': '- - a\n',
  'unclosed quote': 'a: "b\n',
  'text after a quote': 'a: "b" c\n',
  'lone CR': 'a: 1\rb: 2\n',
  'content after the document marker': '--- a: 1\n',
  'a document end marker': 'a: 1\n...\n',
  'a key over 1024 characters': `${'k'.repeat(1025)}: v\n`,
  'a comment right after a quote': 'a: "b"#c\n',
  'a comment right after a flow collection': 'a: { b: 1 }#c\n',
  'a tab as indentation': 'a:\n\tb: 1\n',
  'a tab after a flow comma': 'a: [b,\tc]\n',
  'an alias in a flow collection': 'a: [*x]\n',
  'a flow key without a value': 'a: { b }\n',
  'an empty flow value': 'a: { b: , c: 1 }\n',
  'a pair in a flow sequence': 'a: [b: c]\n',
  'a flow collection as the document': '{ a: 1 }\n',
  'a flow collection as a key': '[a]: b\n',
  'a scalar as a block value': 'a:\n  b\n',
  'a plain value with a ": "': 'a: b: c\n',
  'a list after a key on its line': 'a: - b\n',
  'a list item indented under a mapping in a list': '- a: 1\n  - b\n',
  'a bad escape': 'a: "\\q"\n',
  'a reserved first character': 'a: @b\n',
  // The loader drops a file's byte order mark, so one here is a second: yaml refuses the first two of these.
  'a byte order mark, then indentation': '\ufeff  version: 1\n  directories: {}\n',
  'a byte order mark, then a list item': '\ufeff- a\n',
  'a byte order mark, then "---"': '\ufeff---\na: 1\nb:\n  - x\n',
  'a byte order mark, then content': '\ufeff# c\na: 1\n',
  'a byte order mark after the first': '\ufeff\ufeffa: 1\n',
};

test('leaves everything outside the subset to yaml', () => {
  for (const [name, text] of Object.entries(outsideSubset)) expect({ name, r: readSimpleYaml(text) }).toEqual({ name, r: undefined });
});

/** `depth` collections, each in the one before: block mappings by indentation, then flow sequences. */
function nested(blockLevels: number, depth: number): string {
  const block = Array.from({ length: blockLevels }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n');
  const flow = depth - blockLevels;
  return `${block} ${'['.repeat(flow)}x${']'.repeat(flow)}\n`;
}

test('reads collections nested 64 deep as yaml does, and leaves deeper ones to yaml without exhausting the stack', () => {
  for (const blockLevels of [1, 30, 64]) expect(readLikeYaml(nested(blockLevels, 64))).toBe('read');
  for (const blockLevels of [1, 30, 65]) expect(readSimpleYaml(nested(blockLevels, 65))).toBeUndefined();
  for (const depth of [1000, 10000]) {
    expect(readSimpleYaml(nested(1, depth))).toBeUndefined();
    expect(readSimpleYaml(nested(200, depth))).toBeUndefined();
  }
});

function yamlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return yamlFiles(p);
    return /\.ya?ml$/.test(e.name) ? [p] : [];
  });
}

test('agrees with yaml on every mapping file of the repository it reads, and reads the valid ones', () => {
  const root = path.resolve(__dirname, '../..');
  const files = ['mappings', 'examples', 'test/fixtures'].flatMap((d) => yamlFiles(path.join(root, d)));
  const results = files.map((f) => ({ f: path.relative(root, f), r: readLikeYaml(fs.readFileSync(f, 'utf8')) }));
  expect(results.filter((x) => x.r === 'read').length).toBeGreaterThan(files.length / 2);
  for (const f of ['mappings/corp.yaml', 'mappings/emea.yaml']) expect(results.find((x) => x.f === f)?.r).toBe('read');
});

const key = fc.oneof(fc.stringMatching(/^[a-z][a-zA-Z0-9_.-]{0,6}$/), fc.string({ maxLength: 5 }));
const scalar = fc.oneof(fc.string({ maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 6 }), fc.stringMatching(/^[A-Za-z0-9 =,.:#'"-]{0,10}$/), fc.integer(), fc.double({ noNaN: true }), fc.boolean(), fc.constant(null));
const value = fc.letrec((tie) => ({
  v: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('v'), { maxLength: 4 }), fc.dictionary(key, tie('v'), { maxKeys: 4 })),
})).v;
const options = fc.record({
  indent: fc.constantFrom(2, 4),
  indentSeq: fc.boolean(),
  collectionStyle: fc.constantFrom('any', 'block', 'flow'),
  defaultStringType: fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE'),
  defaultKeyType: fc.constantFrom(null, 'PLAIN', 'QUOTE_DOUBLE'),
  flowCollectionPadding: fc.boolean(),
}) as fc.Arbitrary<Parameters<typeof stringify>[2] & object>;

test('whatever yaml writes, it reads as yaml reads it, or leaves to yaml', () => {
  let read = 0;
  fc.assert(
    fc.property(fc.dictionary(key, value, { minKeys: 1, maxKeys: 5 }), options, (data, opts) => {
      if (readLikeYaml(stringify(data, { ...opts, lineWidth: 0 }), sharedResolved) === 'read') read++;
    }),
    { numRuns: 400 },
  );
  expect(read).toBeGreaterThan(50); // random strings are often outside the subset (escapes, odd starts)
});

test('text with a character changed or inserted is read as yaml reads it, or left to yaml', () => {
  let read = 0;
  const base =
    inSubset['block entries with comments and blank lines'] +
    inSubset['flow entries, one a line'].replace('version: 1\ndirectories:', 'more:') +
    inSubset['every double-quoted escape, resolved by yaml'].replace(/^a:/, 'esc:').replace(/^b:/m, 'dn:');
  const chars = [' ', '-', ':', '#', '"', "'", '{', '}', '[', ']', ',', '\n', '\r\n', '\r', '\t', 'x', '\\', '&', '*', '!', '|', '>', '?', '%', '@', '.', '\ufeff', '\u2028', '\u0000', ''];
  fc.assert(
    fc.property(fc.nat(base.length - 1), fc.constantFrom(...chars), fc.boolean(), (at, ch, insert) => {
      if (readLikeYaml(base.slice(0, at) + ch + base.slice(insert ? at : at + 1), sharedResolved) === 'read') read++;
    }),
    { numRuns: 1500 },
  );
  expect(read).toBeGreaterThan(500);
});
