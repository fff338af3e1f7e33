/**
 * An empty npm project that installs okta-ou's tarball offline, from npm's cache, as a user's repository
 * would install the published package.
 *
 * `npm install --offline <tarball>` would need the registry's metadata documents of okta-ou's
 * dependencies in the cache, which `npm ci` does not reliably leave there. So the project gets a
 * lockfile instead: the tarball plus okta-ou's runtime dependencies exactly as okta-ou's own
 * package-lock.json pins them (the entries `npm ci` just installed, so their tarballs are cached), and
 * `npm ci --offline` installs it without the network.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const REPO = path.join(__dirname, '..', '..');

interface LockEntry {
  version?: string;
  dev?: boolean;
  [k: string]: unknown;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The environment a user's shell would give: no NODE_PATH, no Okta variables, no update check. */
export function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', NO_COLOR: '1' };
  delete env.NODE_PATH;
  for (const k of Object.keys(env)) if (k.startsWith('OKTA_CLIENT_')) delete env[k];
  return { ...env, ...extra };
}

/** Runs a program to its end and collects its output (never throws on a non-zero exit). */
export function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = userEnv()): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(cmd, args, { cwd, env, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout, stderr: stderr || (err && typeof err.code !== 'number' ? String(err) : '') });
    });
  });
}

/** `npm pack` of the built tree into `dest`: the tarball's path and its file list. */
export async function packTarball(dest: string): Promise<{ tarball: string; files: string[] }> {
  if (!fs.existsSync(path.join(REPO, 'dist/src/cli/main.js')))
    throw new Error('dist/src/cli/main.js is missing: build first (`npm run build`; `npm test` does it)');
  // The build is `npm test`'s first step; --ignore-scripts skips prepack's second build.
  const res = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dest], REPO);
  if (res.code !== 0) throw new Error(`npm pack failed (exit ${res.code}):\n${res.stderr}`);
  const [info] = JSON.parse(res.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
  return { tarball: path.join(dest, info.filename), files: info.files.map((f) => f.path).sort() };
}

/** Writes package.json and package-lock.json of a project that depends only on the tarball. */
export function writeProject(dir: string, tarball: string): void {
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as Record<string, unknown>;
  const lock = JSON.parse(fs.readFileSync(path.join(REPO, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const spec = `file:${path.relative(dir, tarball).split(path.sep).join('/')}`;
  const integrity = `sha512-${createHash('sha512').update(fs.readFileSync(tarball)).digest('base64')}`;
  const runtime = Object.fromEntries(Object.entries(lock.packages).filter(([k, v]) => k.startsWith('node_modules/') && !v.dev));
  const project = { name: 'mappings-repo', version: '1.0.0', private: true, dependencies: { 'okta-ou': spec } };
  const packages = {
    '': { name: project.name, version: project.version, dependencies: project.dependencies },
    'node_modules/okta-ou': {
      version: pkg.version,
      resolved: spec,
      integrity,
      license: pkg.license,
      dependencies: pkg.dependencies,
      bin: pkg.bin,
      engines: pkg.engines,
    },
    ...runtime,
  };
  fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(project, null, 2)}\n`);
  fs.writeFileSync(path.join(dir, 'package-lock.json'), `${JSON.stringify({ name: project.name, version: project.version, lockfileVersion: 3, requires: true, packages }, null, 2)}\n`);
}

/** Installs the project offline; a cache without the dependencies is named as the cause. */
export async function installOffline(dir: string): Promise<void> {
  const res = await run('npm', ['ci', '--offline', '--no-audit', '--no-fund'], dir);
  if (res.code === 0) return;
  if (/ENOTCACHED|only-if-cached/.test(res.stderr))
    throw new Error(
      `npm's cache does not hold okta-ou's runtime dependencies, so the tarball cannot be installed offline.\n` +
        `Run \`npm ci\` in the okta-ou checkout first (it fills the cache), then run this test again.\n${res.stderr}`,
    );
  throw new Error(`npm ci --offline in ${dir} failed (exit ${res.code}):\n${res.stderr}`);
}
