/** HTTP plumbing of the reference server: replies, CORS, bodies, multipart to disk. */
import busboy from 'busboy';
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, rmSync, type WriteStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import type { Settings } from './settings.ts';

/** The CORS headers of every answer but a preflight's (RC sends `*` on every REST answer; no Expose-Headers). */
export function cors(res: ServerResponse, req?: IncomingMessage, settings?: Settings): void {
  const origin = req?.headers.origin;
  if (settings?.API_Enable_CORS && origin && settings.API_CORS_Origin.trim() !== '*') {
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Vary', 'Origin');
  } else res.setHeader('Access-Control-Allow-Origin', '*');
}

const allowMethods = 'GET, POST, PUT, DELETE, HEAD, PATCH';
const allowHeaders = 'Origin, X-Requested-With, Content-Type, Accept, X-User-Id, X-Auth-Token, x-visitor-token, Authorization';

/** Whether an origin may call the REST API under API_CORS_Origin. */
export function originAllowed(settings: Settings, origin: string | undefined): boolean {
  const setting = settings.API_CORS_Origin.trim();
  if (setting === '*' || !origin) return true;
  return setting.split(',').map((entry) => entry.trim().toLowerCase()).includes(origin.toLowerCase());
}

/** A preflight, as Rocket.Chat answers it: 405 while API_Enable_CORS is off; 403 for an origin outside API_CORS_Origin. */
export function preflight(req: IncomingMessage, res: ServerResponse, settings: Settings): void {
  if (!settings.API_Enable_CORS) {
    res.writeHead(405, { 'Content-Type': 'text/plain; charset=utf-8' }).end('CORS not enabled. Go to "Admin > General > REST Api" to enable it.');
    return;
  }
  const origin = req.headers.origin;
  if (!originAllowed(settings, origin)) {
    res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Invalid origin');
    return;
  }
  const star = settings.API_CORS_Origin.trim() === '*';
  res.writeHead(200, {
    'Access-Control-Allow-Origin': star || !origin ? '*' : origin,
    ...(star ? {} : { Vary: 'Origin' }),
    'Access-Control-Allow-Methods': allowMethods,
    'Access-Control-Allow-Headers': allowHeaders,
  }).end();
}

/** Whether the answer is still ours to write. */
export const writable = (res: ServerResponse): boolean => !res.headersSent && !res.destroyed && !res.writableEnded;

/** Answers that carry no CORS headers (the test controls). */
export const bare = new WeakSet<ServerResponse>();

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (!writable(res)) return;
  if (!bare.has(res) && !res.hasHeader('Access-Control-Allow-Origin')) res.setHeader('Access-Control-Allow-Origin', '*');
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers }).end(JSON.stringify(body));
}

/** Rocket.Chat's thrown error: `"<reason> [<code>]"` with `errorType` (servers.md "Common"). */
export function rcError(res: ServerResponse, code: string, reason = '', status = 400, extra: Record<string, unknown> = {}): void {
  json(res, status, { success: false, error: reason ? `${reason} [${code}]` : `[${code}]`, errorType: code, ...extra });
}

export const unauthorized401 = {
  success: false,
  error: 'You must be logged in to do this.',
  status: 'error',
  message: 'You must be logged in to do this.',
};

export const forbidden403 = { success: false, error: 'unauthorized' };

export class BodyTooLarge extends Error {}

/** Reads a whole (small) body as text; past `limit` bytes the rest is drained and BodyTooLarge thrown. */
export async function readText(req: Readable, limit = 1024 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    }
  } catch {
    // an aborted request: what came is all there is
  }
  if (size > limit) throw new BodyTooLarge(`Request body larger than ${limit} bytes`);
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads and discards a body (so the client sees the answer, not a reset); never throws. */
export async function drain(req: Readable): Promise<void> {
  try {
    for await (const _ of req) void _;
  } catch {
    // the client went away
  }
}

/** Slows a stream down to `bytesPerSecond`: the client's upload progress shows it. */
export function throttle(bytesPerSecond: number): Transform {
  const start = Date.now();
  let sent = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      sent += chunk.length;
      const due = start + (sent / bytesPerSecond) * 1000;
      const wait = Math.max(0, due - Date.now());
      setTimeout(() => done(null, chunk), wait);
    },
  });
}

export interface ReceivedFile {
  field: string;
  name: string;
  type: string;
  size: number;
  sha256: string;
  /** more bytes came than the size limit allows (only the limit's worth are on disk) */
  truncated: boolean;
  /** where the bytes are on disk (deleted by the caller when not kept) */
  path: string;
}

export interface Multipart {
  files: ReceivedFile[];
  fields: Record<string, string>;
  /** more file parts came than `limits.files` */
  tooManyFiles: boolean;
}

/** The body is not multipart (Rocket.Chat's words: `Missing Content-Type`, `Unsupported content type: …`, `Multipart: Boundary not found`). */
export class NotMultipart extends Error {}
/** The multipart body is broken (e.g. `Unexpected end of form`). */
export class BadMultipart extends Error {}
/** The client went away before the body ended. */
export class Aborted extends Error {}
/** A disk write failed (the storage-fail fault). */
export class StorageFailed extends Error {}

export interface MultipartOptions {
  /** the most bytes kept of one file (Rocket.Chat: the size limit + 1) */
  fileSize?: number;
  /** file parts kept; one more sets `tooManyFiles` */
  files?: number;
  failWrites?: boolean;
}

/** Fields and their size: a body cannot make the server hold more than this in memory. */
export const fieldLimits = { fields: 100, fieldSize: 1024 * 1024, parts: 1000 };

/**
 * Streams a multipart body to disk, hashing as it goes: no file is held in memory. Whatever
 * happens (a broken or truncated body, a client that hangs up, a failed write) every temporary
 * file is closed and deleted before the promise settles, and the rest of the body is drained so
 * that an answer can still be read.
 */
export function receiveMultipart(req: IncomingMessage, body: Readable, dir: string, options: MultipartOptions = {}): Promise<Multipart> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        defParamCharset: 'utf8',
        limits: { ...fieldLimits, files: options.files ?? Infinity, fileSize: options.fileSize ?? Infinity },
      });
    } catch (error) {
      void drain(body);
      return reject(new NotMultipart((error as Error).message));
    }
    const files: ReceivedFile[] = [];
    const outs: WriteStream[] = [];
    const fields: Record<string, string> = {};
    const writes: Promise<void>[] = [];
    let tooManyFiles = false;
    let failed: Error | undefined;
    let settled = false;

    const cleanUp = async () => {
      for (const out of outs) out.destroy();
      await Promise.all(writes);
      for (const file of files) rmSync(file.path, { force: true });
    };
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      body.unpipe(parser);
      parser.removeAllListeners('file');
      parser.on('error', () => undefined);
      parser.destroy();
      if (!(error instanceof Aborted)) void drain(body);
      void cleanUp().then(() => reject(error));
    };

    parser.on('field', (name, value) => {
      if (name !== '__proto__') fields[name] = value;
    });
    parser.on('filesLimit', () => (tooManyFiles = true));
    parser.on('file', (field, stream, info) => {
      const path = join(dir, `part-${Date.now()}-${randomBytes(6).toString('hex')}`);
      const hash = createHash('sha256');
      const file: ReceivedFile = { field, name: info.filename ?? '', type: info.mimeType ?? '', size: 0, sha256: '', truncated: false, path };
      files.push(file);
      const out = createWriteStream(options.failWrites ? join(dir, 'no-such-folder', 'x') : path);
      outs.push(out);
      writes.push(
        new Promise<void>((done) => {
          out.on('error', (error) => {
            failed ??= error;
            stream.resume();
          });
          out.on('close', () => done());
          stream.on('error', () => out.destroy());
          stream.on('limit', () => (file.truncated = true));
          stream.on('data', (chunk: Buffer) => {
            file.size += chunk.length;
            hash.update(chunk);
          });
          stream.on('end', () => {
            file.sha256 = hash.digest('hex');
          });
          stream.pipe(out);
        }),
      );
    });
    parser.on('error', (error: Error) => fail(new BadMultipart(error.message)));
    parser.on('close', () => {
      if (settled) return;
      void Promise.all(writes).then(() => {
        if (settled) return;
        if (failed) return fail(new StorageFailed(`storage: ${failed.message}`));
        settled = true;
        resolve({ files, fields, tooManyFiles });
      });
    });
    req.on('close', () => {
      if (!req.complete) fail(new Aborted('the client went away'));
    });
    body.on('error', (error) => fail(new Aborted(error.message)));
    body.pipe(parser);
  });
}

/** Lower-case request headers as plain strings. */
export function headerRecord(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}
