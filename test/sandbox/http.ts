import { request } from 'undici';
import type { Sandbox } from '../../src/sandbox';

export interface Res {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
  text: string;
}

/** One raw HTTP call against the sandbox (undici, not the project's client). */
export async function call(
  sb: Sandbox, method: string, path: string,
  opts: { body?: unknown; auth?: string | null; headers?: Record<string, string>; rawBody?: string } = {},
): Promise<Res> {
  const headers: Record<string, string> = { accept: 'application/json', ...(opts.headers ?? {}) };
  if (opts.auth !== null) headers.authorization = opts.auth ?? `SSWS ${sb.token}`;
  let body: string | undefined = opts.rawBody;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] = 'application/json';
  }
  const res = await request(sb.url + path, { method: method as 'GET', headers, body });
  const text = await res.body.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: res.statusCode, headers: res.headers, body: parsed, text };
}

/** Link header values as [url, rel] pairs (separate header values, per Okta). */
export function links(res: Res): Record<string, string> {
  const raw = res.headers.link;
  const values = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  const out: Record<string, string> = {};
  for (const v of values) {
    const m = /^<([^>]+)>;\s*rel="(\w+)"$/.exec(v);
    if (m) out[m[2]] = m[1];
  }
  return out;
}

export const pathOf = (absolute: string, sb: Sandbox): string => absolute.slice(sb.url.length);
