// Real Okta responses copied from public recordings (see each file's `source`), used to prove that
// the spec checker accepts what Okta really sends and that every allowlisted deviation is real.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { matchTemplate } from './openapi';

export interface Recording {
  name: string;
  source: { repo: string; commit: string; path: string; interaction: number };
  request: { method: string; url: string };
  response: { status: number; headers?: Record<string, string | string[]>; body: unknown };
  note?: string;
  /** The spec path template the request URL matches. */
  template: string;
}

export const RECORDINGS_DIR = path.join(__dirname, 'recordings');

export function loadRecording(name: string): Recording {
  const raw = JSON.parse(fs.readFileSync(path.join(RECORDINGS_DIR, `${name}.json`), 'utf8')) as Omit<Recording, 'name' | 'template'>;
  const template = matchTemplate(new URL(raw.request.url).pathname);
  if (!template) throw new Error(`recording ${name}: ${raw.request.url} matches no operation in the spec subset`);
  return { ...raw, name, template };
}

export function recordingNames(): string[] {
  return fs
    .readdirSync(RECORDINGS_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}
