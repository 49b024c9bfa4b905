/**
 * The reference chat server: the three upload flows of servers.md (rooms, livechat, single),
 * faithful in status codes and bodies, storing uploads on disk. `npm start` runs it beside the
 * demo page; the tests start their own.
 */
import { createReadStream, existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { control } from './control.ts';
import { Faults } from './faults.ts';
import { cors, drain, headerRecord, json, preflight, throttle } from './http.ts';
import * as livechat from './livechat.ts';
import * as rooms from './rooms.ts';
import * as single from './single.ts';
import { Store, type Route } from './store.ts';

export interface ReferenceServer {
  /** e.g. http://127.0.0.1:5174 */
  url: string;
  close(): Promise<void>;
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
}

const routes: RouteDef[] = [
  { method: 'POST', pattern: /^\/api\/v1\/rooms\.media\/([^/]+)$/, handler: rooms.media, route: 'rooms.media' },
  { method: 'POST', pattern: /^\/api\/v1\/rooms\.mediaConfirm\/([^/]+)\/([^/]+)$/, handler: rooms.mediaConfirm, route: 'rooms.mediaConfirm' },
  { method: 'GET', pattern: /^\/api\/v1\/channels\.messages$/, handler: rooms.channelMessages },
  { method: 'POST', pattern: /^\/api\/v1\/livechat\/upload\/([^/]+)$/, handler: livechat.upload, route: 'livechat.upload' },
  { method: 'GET', pattern: /^\/api\/v1\/livechat\/messages\.history\/([^/]+)$/, handler: livechat.history },
  { method: 'POST', pattern: /^\/api\/upload_file$/, handler: single.upload, route: 'upload_file' },
  { method: 'GET', pattern: /^\/api\/v1\/settings\.public$/, handler: settingsPublic, route: 'settings.public' },
  { method: 'GET', pattern: /^\/api\/v1\/livechat\/config$/, handler: livechatConfig, route: 'livechat.config' },
  { method: 'GET', pattern: /^\/file-upload\/([^/]+)\/([^/]+)$/, handler: serveFile },
  { method: '*', pattern: /^\/_test\/([a-z]+)$/, handler: control },
];

async function settingsPublic({ store, res, url }: Ctx): Promise<void> {
  const asked = (url.searchParams.get('_id') ?? '').split(',').filter(Boolean);
  const all = store.settings as unknown as Record<string, unknown>;
  const settings = asked.filter((id) => id in all && id.startsWith('FileUpload_')).map((_id) => ({ _id, value: all[_id] }));
  json(res, 200, { settings, count: settings.length, offset: 0, total: settings.length, success: true });
}

async function livechatConfig({ store, res }: Ctx): Promise<void> {
  const fileUpload = store.settings.FileUpload_Enabled && store.settings.Livechat_fileupload_enabled;
  json(res, 200, { config: { enabled: true, settings: { fileUpload } }, success: true });
}

/** Serves a stored file. (Rocket.Chat asks for credentials here; the demo server does not.) */
async function serveFile({ store, res, params }: Ctx): Promise<void> {
  const file = store.files.get(params[0]);
  if (!file || !existsSync(file.path)) return json(res, 404, { success: false, error: 'Not found' });
  cors(res);
  res.setHeader('Content-Type', file.type || 'application/octet-stream');
  res.setHeader('Content-Length', String(file.size));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  // An SVG opened on its own runs no script.
  if (file.type === 'image/svg+xml') res.setHeader('Content-Security-Policy', 'sandbox');
  res.setHeader('Content-Disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.name)}`);
  createReadStream(file.path).pipe(res);
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
      cors(res);
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
      cors(res);
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

export async function startReferenceServer(options: { port?: number; host?: string; dataDir?: string } = {}): Promise<ReferenceServer> {
  const store = new Store(options.dataDir ?? join(process.cwd(), '.data', 'uploads'));
  const faults = new Faults();
  const sockets = new Set<Socket>();

  const server = createServer((req, res) => {
    // No connection is reused: a browser re-sends a POST by itself when a reused connection
    // breaks, which would hide from the tests the very failures the faults make.
    res.shouldKeepAlive = false;
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (req.method === 'OPTIONS') return preflight(req, res);
      for (const def of routes) {
        const match = def.pattern.exec(url.pathname);
        if (!match || (def.method !== '*' && def.method !== req.method)) continue;
        const params = match.slice(1).map((part) => decodeURIComponent(part));
        const ctx: Ctx = { req, res, body: req, url, params, headers: headerRecord(req), store, faults, failWrites: false };
        if (def.route && def.route !== 'upload_file') store.count(params[0] ?? '', def.route);
        if (def.route && !(await applyFault(ctx, def.route))) return;
        return def.handler(ctx);
      }
      await drain(req);
      json(res, 404, { success: false, error: 'Not found' });
    })().catch((error: Error) => {
      json(res, 500, { success: false, error: `Internal error: ${error.message}` });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('clientError', (_error, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 5174, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
