/**
 * A small node:http server on 127.0.0.1:0 for client behaviour the local Okta cannot be asked for
 * directly (docs/style.md §9 item 8, after undici's test/interceptors/retry.js): each test passes a handler
 * that sees every request (parsed) and answers, resets, or stalls.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
}

export type Handler = (req: SeenRequest, res: ServerResponse, n: number) => unknown;

export interface FakeOkta {
  url: string;
  seen: SeenRequest[];
  close(): Promise<void>;
}

export async function startFakeOkta(handler: Handler): Promise<FakeOkta> {
  const seen: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://x');
      const r: SeenRequest = {
        method: req.method ?? 'GET',
        path: u.pathname,
        query: u.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      seen.push(r);
      Promise.resolve(handler(r, res, seen.length)).catch((e: unknown) => {
        res.statusCode = 599;
        res.end(String(e));
      });
    });
  });
  server.keepAliveTimeout = 200;
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Answers JSON with Okta's usual headers. */
export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string | string[]> = {}): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    ...(text ? { 'content-type': 'application/json' } : {}),
    'x-okta-request-id': headers['x-okta-request-id'] ?? `req${Math.random().toString(16).slice(2, 10)}`,
    ...headers,
  });
  res.end(text);
}

/** Okta's error body (the shape of the recorded errors in test/conformance/recordings/). */
export function oktaError(errorCode: string, errorSummary: string, causes: string[] = []): Record<string, unknown> {
  return {
    errorCode,
    errorSummary,
    errorLink: errorCode,
    errorId: 'oaeTESTtestTESTtestTESTte',
    errorCauses: causes.map((c) => ({ errorSummary: c })),
  };
}

/** A clock that sleeping advances, shared by client and server so rate-limit windows pass instantly. */
export class FakeClock {
  constructor(public t = Date.parse('2026-03-02T10:00:00.000Z')) {}
  now = (): number => this.t;
  slept: number[] = [];
  sleep = async (ms: number): Promise<void> => {
    this.slept.push(ms);
    this.t += ms;
  };
}

/** RFC 7231 Date header at second resolution. */
export function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

export { type ServerResponse };
