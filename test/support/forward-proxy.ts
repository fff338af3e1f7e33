/**
 * A small forwarding proxy for tests, on 127.0.0.1: it accepts CONNECT tunnels (what undici's proxy
 * agent opens, for http targets too) to one allowed target, reads the HTTP requests inside each tunnel
 * and forwards them, counting every one. Bounded: at most `maxRequests` requests are forwarded (then
 * 503) and close() destroys every socket it holds. Optionally requires Basic proxy credentials (407).
 */
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ForwardProxy {
  /** http://127.0.0.1:PORT */
  url: string;
  port: number;
  /** `METHOD /path?query` of every request forwarded, in arrival order. */
  requests: string[];
  /** CONNECT tunnels opened (refused ones included). */
  tunnels: number;
  /** Proxy-Authorization values received on CONNECT. */
  authorizations: string[];
  close(): Promise<void>;
}

export async function startForwardProxy(opts: { target: string; maxRequests?: number; credentials?: { user: string; password: string } }): Promise<ForwardProxy> {
  const target = new URL(opts.target);
  const maxRequests = opts.maxRequests ?? 500;
  const sockets = new Set<Socket>();
  const state = { requests: [] as string[], tunnels: 0, authorizations: [] as string[] };
  const expectedAuth = opts.credentials ? `Basic ${Buffer.from(`${opts.credentials.user}:${opts.credentials.password}`).toString('base64')}` : undefined;

  // Requests inside the tunnels: forwarded to the target, one upstream request each.
  const inner = http.createServer((req, res) => {
    if (state.requests.length >= maxRequests) {
      res.writeHead(503).end('proxy request limit reached');
      return;
    }
    state.requests.push(`${req.method} ${req.url}`);
    const up = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers, agent: false },
      (upRes) => {
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        upRes.pipe(res);
      },
    );
    up.on('error', () => res.destroy());
    req.pipe(up);
  });

  const outer = http.createServer((_req, res) => res.writeHead(405).end('CONNECT only'));
  outer.on('connect', (req: http.IncomingMessage, socket: Socket, head: Buffer) => {
    state.tunnels++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    const auth = req.headers['proxy-authorization'];
    if (typeof auth === 'string') state.authorizations.push(auth);
    if (expectedAuth && auth !== expectedAuth) {
      socket.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    if (req.url !== target.host) {
      socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length > 0) socket.unshift(head);
    inner.emit('connection', socket);
  });
  outer.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  await new Promise<void>((resolve) => outer.listen(0, '127.0.0.1', resolve));
  const port = (outer.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    get requests() {
      return state.requests;
    },
    get tunnels() {
      return state.tunnels;
    },
    get authorizations() {
      return state.authorizations;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => outer.close(() => resolve()));
      inner.close();
    },
  };
}
