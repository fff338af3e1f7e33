import type { IncomingMessage } from 'node:http';
import type { OrgState } from './org-state';

/** What a route handler gets. Handlers are synchronous over the in-memory org and throw OktaHttpError. */
export interface RouteContext {
  req: IncomingMessage;
  method: string;
  url: URL;
  query: URLSearchParams;
  params: Record<string, string>;
  body: unknown;
  org: OrgState;
  /** Absolute org URL without trailing slash, e.g. http://127.0.0.1:8080 (links are absolute on it). */
  base: string;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string | string[]>;
  /** Set when the handler changed org state (for fault `after: true` and the write counter). */
  mutated?: boolean;
}

export type Handler = (ctx: RouteContext) => Reply;

export const ok = (body: unknown, headers?: Reply['headers']): Reply => ({ status: 200, body, headers });
export const noContent = (): Reply => ({ status: 204, mutated: true });
