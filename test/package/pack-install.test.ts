/**
 * The npm package works outside okta-ou's checkout: `npm pack` → install the tarball offline into an empty
 * project in a temporary folder → run the installed `okta-ou` from there (no NODE_PATH, cwd outside the
 * source tree, so every module resolves from that project's node_modules): --version, validate, the local
 * Okta started as a separate process, a plan and an export against it over HTTP, and the demo.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { installOffline, packTarball, REPO, run, userEnv, writeProject } from './offline-project';

const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string; dependencies: Record<string, string> };

let tmp: string;
let proj: string;
let files: string[];
let okta: string;

const EMEA = `# yaml-language-server: $schema=../node_modules/okta-ou/schemas/okta-ou.schema.json
version: 1
directories:
  emea:
    app: emea.example.com
    namingContext: DC=emea,DC=example,DC=com
    importOUs:
      - OU=Staff,DC=emea,DC=example,DC=com
      - OU=Partners,DC=emea,DC=example,DC=com
    groups:
      - group: EMEA Staff
        ou: OU=Staff,DC=emea,DC=example,DC=com
      - group: EMEA Partners
        ou: OU=Partners,DC=emea,DC=example,DC=com
      - group: EMEA Sales
        ou: OU=Sales,OU=Staff,DC=emea,DC=example,DC=com
`;

beforeAll(async () => {
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'okta-ou-pack-')));
  proj = path.join(tmp, 'mappings-repo');
  fs.mkdirSync(path.join(proj, 'mappings'), { recursive: true });
  fs.writeFileSync(path.join(proj, 'mappings', 'emea.yaml'), EMEA);
  const packed = await packTarball(tmp);
  files = packed.files;
  writeProject(proj, packed.tarball);
  await installOffline(proj);
  okta = path.join(proj, 'node_modules', '.bin', 'okta-ou');
}, 60_000);

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test('the project is outside the source tree and okta-ou is a copy from the tarball, not a link to it', () => {
  expect(path.relative(REPO, proj).startsWith('..')).toBe(true);
  const installed = path.join(proj, 'node_modules', 'okta-ou');
  expect(fs.lstatSync(installed).isSymbolicLink()).toBe(false);
  expect(fs.realpathSync(okta)).toBe(path.join(installed, 'bin', 'okta-ou.js'));
  // Only the runtime dependencies were installed: no TypeScript, jest or SDK beside it.
  const top = fs.readdirSync(path.join(proj, 'node_modules')).filter((n) => !n.startsWith('.'));
  expect(top).toContain('okta-ou');
  for (const dev of ['typescript', 'jest', 'ts-jest', '@okta', 'fast-check']) expect(top).not.toContain(dev);
});

test('the tarball holds the built CLI, schemas, example mappings, README, LICENSE and CHANGELOG, and no tests, benches or sources', () => {
  for (const f of ['bin/okta-ou.js', 'dist/src/cli/main.js', 'schemas/okta-ou.schema.json', 'schemas/plan.schema.json', 'mappings/corp.yaml', 'README.md', 'LICENSE', 'CHANGELOG.md', 'package.json'])
    expect(files).toContain(f);
  expect(files.filter((f) => /^(test|bench|dist\/test|dist\/bench|dist-bench|scripts|\.github|\.ci|node_modules)\//.test(f))).toEqual([]);
  expect(files.filter((f) => /\.ts$|\.map$|\.tsbuildinfo$/.test(f) && !f.endsWith('.d.ts'))).toEqual([]);
  expect(files.filter((f) => f.startsWith('src/'))).toEqual(['src/sandbox/README.md', 'src/sandbox/org-seed.schema.json']);
  const license = fs.readFileSync(path.join(proj, 'node_modules/okta-ou/LICENSE'), 'utf8');
  expect(license).toContain('Apache License');
  expect(license).toContain('TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION');
  expect(license).toContain('END OF TERMS AND CONDITIONS');
  expect(fs.readFileSync(path.join(proj, 'node_modules/okta-ou/CHANGELOG.md'), 'utf8')).toContain(`## [${pkg.version}]`);
});

test('the shipped code requires only Node built-ins and its declared dependencies, resolved from the project', () => {
  const dist = path.join(proj, 'node_modules/okta-ou/dist');
  const required = new Set<string>();
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.js')) for (const m of fs.readFileSync(p, 'utf8').matchAll(/require\("([^"]+)"\)/g)) required.add(m[1]);
    }
  };
  walk(dist);
  const external = [...required].filter((m) => !m.startsWith('.') && !m.startsWith('node:') && !builtinModules.includes(m));
  const names = [...new Set(external.map((m) => m.split('/').slice(0, m.startsWith('@') ? 2 : 1).join('/')))].sort();
  expect(names).toEqual(Object.keys(pkg.dependencies).sort());
  for (const m of external) expect(require.resolve(m, { paths: [path.join(proj, 'node_modules/okta-ou')] }).startsWith(path.join(proj, 'node_modules') + path.sep)).toBe(true);
});

test('the shipped code carries its schema validators precompiled: of ajv it requires only the runtime helpers, never the compiler', () => {
  for (const f of ['config/mappings-validator', 'render/plan-validator', 'sandbox/org-seed-validator']) expect(files).toContain(`dist/src/${f}.generated.js`);
  const ajvModules = new Set<string>();
  for (const f of files.filter((x) => x.startsWith('dist/') && x.endsWith('.js'))) {
    const text = fs.readFileSync(path.join(proj, 'node_modules/okta-ou', f), 'utf8');
    for (const m of text.matchAll(/require\("(ajv(?:\/[^"]*)?)"\)/g)) ajvModules.add(m[1]);
  }
  expect([...ajvModules].sort()).toEqual(['ajv/dist/runtime/equal', 'ajv/dist/runtime/ucs2length']);
});

test('npx okta-ou --version runs the installed package', async () => {
  const res = await run('npx', ['--no', '--', 'okta-ou', '--version'], proj);
  expect(res).toEqual({ code: 0, stdout: `okta-ou ${pkg.version}\n`, stderr: '' });
});

test('okta-ou validate checks a mappings folder, and names the file and line of a mistake', async () => {
  const ok = await run(okta, ['validate'], proj);
  expect(ok.code).toBe(0);
  expect(ok.stderr).toBe('ok: 0 errors, 0 warnings in 1 file\n');
  const bad = path.join(tmp, 'bad-repo');
  fs.mkdirSync(path.join(bad, 'mappings'), { recursive: true });
  fs.writeFileSync(path.join(bad, 'mappings', 'emea.yaml'), EMEA.replace('importOUs:', 'importOus:'));
  const res = await run(okta, ['validate', '--mappings', path.join(bad, 'mappings')], proj);
  expect(res.code).toBe(1);
  expect(res.stdout).toContain('../bad-repo/mappings/emea.yaml:7:5: error SCHEMA unknown key "importOus" in directories.emea');
  expect(res.stdout).toMatch(/hint: .*importOUs/);
});

test('okta-ou sandbox runs as its own process; plan and export read it over HTTP, and the export names the installed schema', async () => {
  const sb = spawn(okta, ['sandbox'], { cwd: proj, env: userEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => sb.on('exit', (code) => resolve(code)));
  try {
    let out = '';
    sb.stdout.setEncoding('utf8');
    await new Promise<void>((resolve, reject) => {
      sb.stdout.on('data', (s: string) => {
        out += s;
        if (/OKTA_CLIENT_TOKEN=\S+\n/.test(out)) resolve();
      });
      sb.on('exit', (code) => reject(new Error(`okta-ou sandbox ended (exit ${code}) before printing its export lines; stdout: ${out}`)));
    });
    const vars = Object.fromEntries([...out.matchAll(/^export (OKTA_CLIENT_\w+)=(\S+)$/gm)].map((m) => [m[1], m[2]]));
    expect(Object.keys(vars).sort()).toEqual(['OKTA_CLIENT_ORGURL', 'OKTA_CLIENT_TOKEN']);
    expect(vars.OKTA_CLIENT_ORGURL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const res = await run(okta, ['plan', '--format', 'json', '--detailed-exitcode'], proj, userEnv(vars));
    expect(res.code).toBe(2);
    const plan = JSON.parse(res.stdout) as { changes: Array<{ directory: string; kind: string; action: string; group?: { name: string } }> };
    expect(plan.changes.map((c) => `${c.directory} ${c.kind} ${c.action} ${c.group?.name ?? ''}`)).toEqual(['emea assignment create EMEA Sales']);
    expect(res.stderr).not.toContain(vars.OKTA_CLIENT_TOKEN);

    // Bootstrapping with the installed package: the files name the schema of the copy in node_modules.
    const exp = await run(okta, ['export', '--out', 'exported'], proj, userEnv(vars));
    expect(exp.code).toBe(0);
    expect(exp.stderr).toContain('okta-ou validate --mappings exported and okta-ou plan --mappings exported');
    const first = fs.readFileSync(path.join(proj, 'exported', 'corp.yaml'), 'utf8').split('\n')[0];
    expect(first).toBe('# yaml-language-server: $schema=../node_modules/okta-ou/schemas/okta-ou.schema.json');
    expect(fs.existsSync(path.join(proj, 'node_modules/okta-ou/schemas/okta-ou.schema.json'))).toBe(true);
    expect((await run(okta, ['validate', '--mappings', 'exported'], proj)).code).toBe(0);
  } finally {
    sb.kill('SIGTERM');
  }
  expect(await exited).toBe(0);
});

test('okta-ou demo runs from the installed package (its example mappings are shipped)', async () => {
  const res = await run(okta, ['demo', '--no-color'], proj);
  expect(res.code).toBe(0);
  expect(res.stdout).toContain('corp  (app corp.example.com');
  expect(res.stdout).toContain('emea  (app emea.example.com');
});
