/**
 * The reference chat server: the three upload flows of servers.md (rooms, livechat, single),
 * answering as Rocket.Chat 8.x does (settings, CORS, rate limiter, protected files), storing
 * uploads on disk. `npm start` runs it beside the demo page, `npm run server` alone; the tests
 * start their own. README.md beside this file documents it.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { control } from './control.ts';
import { Faults } from './faults.ts';
import { serveFile } from './files.ts';
import { cors, drain, headerRecord, json, originAllowed, preflight, throttle } from './http.ts';
import * as livechat from './livechat.ts';
import { RateLimiter, tooManyRequests } from './ratelimit.ts';
import * as rooms from './rooms.ts';
import { defaultSettings, publicSettings, type Settings } from './settings.ts';
import * as single from './single.ts';
import { Store, type Route } from './store.ts';

export interface ReferenceServer {
  /** e.g. http://127.0.0.1:5174 */
  url: string;
  close(): Promise<void>;
}

export interface ServerOptions {
  port?: number;
  host?: string;
  /** where uploads are stored (default `.data/uploads`) */
  dataDir?: string;
  /** settings the server starts with, over Rocket.Chat's defaults; `DELETE /_test/settings` returns to them */
  settings?: Partial<Settings>;
  /** permissions some users start with, by username (e.g. `{ demo: ['message-impersonate'] }`); kept across `DELETE /_test/settings` */
  permissions?: Record<string, string[]>;
  /**
   * The `/_test` control API. This programmatic entry serves the tests, the demo and
   * rc-conformance, so it is on unless set to false; `npm run server` turns it on only when asked.
   */
  testControls?: boolean;
  /**
   * Whether the rate limiter counts calls (Rocket.Chat's servers in TEST_MODE do not). Default:
   * off, or on when the environment has `CFU_RATE_LIMITER=on`; `npm start` and `npm run server`
   * turn it on. While on, the setting API_Enable_Rate_Limiter still switches it.
   */
  rateLimiter?: boolean;
}

export interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  /** the request body to read (slowed down by a `throttle` fault) */
  body: Readable;
  url: URL;
  /** the path's captured parts */
  params: string[];
  /** lower-case request headers */
  headers: Record<string, string>;
  store: Store;
  faults: Faults;
  limiter: RateLimiter;
  /** the `storage-fail` fault: disk writes fail */
  failWrites: boolean;
}

export type Handler = (ctx: Ctx) => Promise<void>;

interface RouteDef {
  method: string;
  pattern: RegExp;
  handler: Handler;
  /** the name faults and counters use */
  route?: Route;
  /** the rate limiter's key (Rocket.Chat: the route's pattern and method) */
  limit?: string;
  /** signed-in users only: a call without credentials is answered 401 before it is counted */
  auth?: boolean;
}

const routes: RouteDef[] = [
  { method: 'POST', pattern: /^\/api\/v1\/rooms\.media\/([^/]+)$/, handler: rooms.media, route: 'rooms.media', limit: '/api/v1/rooms.media/:rid post', auth: true },
  { method: 'POST', pattern: /^\/api\/v1\/rooms\.mediaConfirm\/([^/]+)\/([^/]+)$/, handler: rooms.mediaConfirm, route: 'rooms.mediaConfirm', limit: '/api/v1/rooms.mediaConfirm/:rid/:fileId post', auth: true },
  { method: 'GET', pattern: /^\/api\/v1\/channels\.messages$/, handler: rooms.channelMessages, limit: '/api/v1/channels.messages get', auth: true },
  { method: 'POST', pattern: /^\/api\/v1\/livechat\/upload\/([^/]+)$/, handler: livechat.upload, route: 'livechat.upload', limit: '/api/v1/livechat/upload/:rid post' },
  { method: 'GET', pattern: /^\/api\/v1\/livechat\/messages\.history\/([^/]+)$/, handler: livechat.history, limit: '/api/v1/livechat/messages.history/:rid get' },
  { method: 'POST', pattern: /^\/api\/upload_file$/, handler: single.upload, route: 'upload_file' },
  { method: 'GET', pattern: /^\/api\/v1\/settings\.public$/, handler: settingsPublic, route: 'settings.public', limit: '/api/v1/settings.public get' },
  { method: 'GET', pattern: /^\/api\/v1\/livechat\/config$/, handler: livechatConfig, route: 'livechat.config', limit: '/api/v1/livechat/config get' },
  { method: 'GET', pattern: /^\/file-upload\/([^/]+)\/([^/]+)$/, handler: serveFile },
  { method: 'GET', pattern: /^\/ufs\/GridFS:Uploads\/([^/]+)\/([^/]+)$/, handler: serveFile },
  { method: '*', pattern: /^\/_test\/([a-z]+)$/, handler: control },
];

/** The query keys settings.public takes (its schema has additionalProperties: false). */
const settingsQueryKeys = new Set(['_id', 'query', 'count', 'offset', 'sort']);

async function settingsPublic({ store, res, url }: Ctx): Promise<void> {
  const extra = [...url.searchParams.keys()].find((key) => !settingsQueryKeys.has(key));
  if (extra) return json(res, 400, { success: false, error: `must NOT have additional properties [invalid-params]`, errorType: 'invalid-params' });
  const asked = (url.searchParams.get('_id') ?? '').split(',').map((id) => id.trim()).filter(Boolean);
  const all = store.settings as unknown as Record<string, unknown>;
  const ids = (asked.length ? asked : [...publicSettings]).filter((id) => publicSettings.has(id) && id in all);
  const sorted = [...new Set(ids)].sort();
  const offset = Math.max(0, Number(url.searchParams.get('offset') ?? 0) || 0);
  const count = Number(url.searchParams.get('count') ?? 0) || sorted.length;
  const settings = sorted.slice(offset, offset + count).map((_id) => ({ _id, value: all[_id] }));
  json(res, 200, { settings, count: settings.length, offset, total: sorted.length, success: true });
}

async function livechatConfig({ store, res }: Ctx): Promise<void> {
  const fileUpload = store.settings.FileUpload_Enabled && store.settings.Livechat_fileupload_enabled;
  json(res, 200, { config: { enabled: true, settings: { fileUpload } }, success: true });
}

/**
 * Cuts the connection as a network failure would, mid-answer. A few bytes of an answer go first:
 * a browser re-sends a request by itself when a reused connection closes before any answer came,
 * which would hide the failure from the test.
 */
function cut(req: IncomingMessage): void {
  const socket = req.socket;
  if (socket.destroyed) return;
  socket.write('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 4096\r\n\r\n{"succ', () => socket.destroy());
}

/** An error text of exactly `length` characters (for the long-error fault). */
function longText(length: number): string {
  const words = 'The server could not store the file because of an internal error. ';
  return words.repeat(Math.ceil(length / words.length)).slice(0, length);
}

/** Applies an armed fault; returns false when the request is handled (or left hanging) by it. */
async function applyFault(ctx: Ctx, route: Route): Promise<boolean> {
  const fault = ctx.faults.take(route, ctx.params[0]);
  if (!fault) return true;
  const { req, res } = ctx;
  switch (fault.kind) {
    case 'status': {
      await drain(req);
      let body = fault.body ?? '';
      let contentType = fault.contentType;
      if (fault.errorLength !== undefined) {
        const text = longText(fault.errorLength);
        const asJson = !contentType || contentType.startsWith('application/json');
        body = asJson ? JSON.stringify({ success: false, error: text }) : text;
        contentType ??= 'application/json';
      }
      res.writeHead(fault.status ?? 500, { ...(contentType ? { 'Content-Type': contentType } : {}), ...fault.headers });
      res.end(body);
      return false;
    }
    case 'redirect':
      await drain(req);
      res.writeHead(fault.status ?? 302, { Location: fault.location ?? '/', 'Content-Type': 'text/html', ...fault.headers });
      res.end(fault.body ?? '');
      return false;
    case 'delay':
      await new Promise((resolve) => setTimeout(resolve, fault.ms ?? 1000));
      return true;
    case 'drop':
    case 'stall': {
      let seen = 0;
      const limit = fault.afterBytes ?? 0;
      const act = () => (fault.kind === 'drop' ? cut(req) : req.pause());
      if (limit <= 0) act();
      else req.on('data', (chunk: Buffer) => {
        seen += chunk.length;
        if (seen >= limit) act();
      });
      return false;
    }
    case 'hang':
      await drain(req);
      return false;
    case 'lose-answer':
      // Do the work, then close the connection instead of answering.
      res.writeHead = (() => res) as typeof res.writeHead;
      res.end = (() => {
        cut(req);
        return res;
      }) as typeof res.end;
      return true;
    case 'throttle':
      ctx.body = req.pipe(throttle(fault.bytesPerSecond ?? 256 * 1024));
      return true;
    case 'storage-fail':
      ctx.failWrites = true;
      return true;
  }
}

/** One plain sentence for a port another program holds. */
export class PortInUse extends Error {}

export async function startReferenceServer(options: ServerOptions = {}): Promise<ReferenceServer> {
  const store = new Store(options.dataDir ?? join(process.cwd(), '.data', 'uploads'), { ...defaultSettings, ...options.settings }, options.permissions);
  const faults = new Faults();
  const limiter = new RateLimiter();
  const testControls = options.testControls ?? true;
  const rateLimiter = options.rateLimiter ?? process.env.CFU_RATE_LIMITER === 'on';
  const sockets = new Set<Socket>();

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const isControl = url.pathname.startsWith('/_test/');
    if (isControl && !testControls) {
      await drain(req);
      return json(res, 404, { success: false, error: 'Not found' });
    }
    const settings = store.settings;
    if (req.method === 'OPTIONS') {
      await drain(req);
      // The test controls take no preflight: no web page may call them.
      if (isControl) return void res.writeHead(403).end();
      return preflight(req, res, settings);
    }
    if (!isControl) {
      // An origin outside API_CORS_Origin is refused on every call while CORS is on.
      if (settings.API_Enable_CORS && req.headers.origin && !originAllowed(settings, req.headers.origin)) {
        await drain(req);
        return void res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Invalid origin');
      }
      cors(res, req, settings);
    }
    for (const def of routes) {
      const match = def.pattern.exec(url.pathname);
      if (!match || (def.method !== '*' && def.method !== req.method)) continue;
      let params: string[];
      try {
        params = match.slice(1).map((part) => decodeURIComponent(part));
      } catch {
        await drain(req);
        return json(res, 400, { success: false, error: 'Malformed URL' });
      }
      const headers = headerRecord(req);
      const ctx: Ctx = { req, res, body: req, url, params, headers, store, faults, limiter, failWrites: false };
      if (def.route && def.route !== 'upload_file') store.count(params[0] ?? '', def.route);
      if (def.route && !(await applyFault(ctx, def.route))) return;
      if (def.limit && rateLimiter && settings.API_Enable_Rate_Limiter) {
        const user = store.userBy(headers['x-user-id'], headers['x-auth-token']);
        if (!(def.auth && !user) && !user?.permissions.has('api-bypass-rate-limit')) {
          const verdict = limiter.hit(def.limit, req.socket.remoteAddress ?? '', store.now(), settings);
          for (const [name, value] of Object.entries(verdict.headers)) res.setHeader(name, value);
          if (!verdict.allowed) {
            await drain(ctx.body);
            return json(res, 429, tooManyRequests(verdict.seconds));
          }
        }
      }
      return def.handler(ctx);
    }
    await drain(req);
    json(res, 404, { success: false, error: 'Not found' });
  };

  const server = createServer((req, res) => {
    // No connection is reused: a browser re-sends a POST by itself when a reused connection
    // breaks, which would hide from the tests the very failures the faults make.
    res.shouldKeepAlive = false;
    handle(req, res).catch((error: Error) => {
      if (res.headersSent) return void res.destroy();
      json(res, 500, { success: false, error: `Internal error: ${error.message}` });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    socket.destroy();
  });

  const port = options.port ?? 5174;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') reject(new PortInUse(`Port ${port} on ${host} is in use by another program: stop it, or start the reference server on another port (CFU_SERVER_PORT).`));
      else reject(error);
    });
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://${host}:${bound}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
