/**
 * The `$schema` an exported file names on its `yaml-language-server` line. It must resolve in the user's
 * repository, for whoever opens the file later: never a path into okta-ou's own install or build folder
 * (an npx cache, a global install), which exists only on the machine that ran the export.
 *
 * - okta-ou installed in the repository (a devDependency: `node_modules/okta-ou` in the file's folder or
 *   one above it, as Node resolves it) → the relative path to that copy's schema, which is the version
 *   the repository pins and works offline.
 * - okta-ou's own checkout (its `schemas/` folder above the file) → the relative path to it.
 * - otherwise (npx, a global install) → the schema of this exact version on the npm CDN, which resolves
 *   once the version is published to npm.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { VERSION } from '../version';

export const SCHEMA_FILE = 'schemas/okta-ou.schema.json';

/** The schema of this okta-ou version as published on npm, served by jsDelivr. */
export const SCHEMA_URL = `https://cdn.jsdelivr.net/npm/okta-ou@${VERSION}/${SCHEMA_FILE}`;

function isOktaOuRoot(dir: string): boolean {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: unknown };
    return pkg.name === 'okta-ou' && fs.existsSync(path.join(dir, SCHEMA_FILE));
  } catch {
    return false;
  }
}

/** The schema file the repository around `dir` holds (see the module comment), or undefined. */
export function repositorySchema(dir: string): string | undefined {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const installed = path.join(d, 'node_modules', 'okta-ou');
    if (isOktaOuRoot(installed)) return path.join(installed, SCHEMA_FILE);
    if (isOktaOuRoot(d)) return path.join(d, SCHEMA_FILE);
    if (path.dirname(d) === d) return undefined;
  }
}

/** The `$schema` value for a file written into `dir`: a relative path with `/`, or SCHEMA_URL. */
export function schemaRefFor(dir: string): string {
  const local = repositorySchema(dir);
  return local === undefined ? SCHEMA_URL : path.relative(dir, local).split(path.sep).join('/');
}
