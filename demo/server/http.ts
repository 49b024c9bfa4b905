/** HTTP plumbing of the reference server: replies, CORS, bodies, multipart to disk. */
import busboy from 'busboy';
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';

/** CORS as a chat server sends it: every origin, the flows' headers (servers.md). */
export function cors(res: ServerResponse): void {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Expose-Headers', 'X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset');
}

export function preflight(req: IncomingMessage, res: ServerResponse): void {
  cors(res);
  const asked = req.headers['access-control-request-headers'];
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, DELETE, OPTIONS');
  res.setHeader('Access-Control-Allow-Headers', ['X-User-Id, X-Auth-Token, x-visitor-token, Content-Type, Authorization', asked].filter(Boolean).join(', '));
  res.setHeader('Access-Control-Max-Age', '600');
  res.writeHead(204).end();
}

export function json(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent || res.destroyed) return;
  cors(res);
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}

/** Rocket.Chat's thrown error: `"<reason> [<code>]"` with `errorType` (servers.md "Common"). */
export function rcError(res: ServerResponse, code: string, reason = '', status = 400): void {
  json(res, status, { success: false, error: reason ? `${reason} [${code}]` : `[${code}]`, errorType: code });
}

export const unauthorized401 = {
  success: false,
  error: 'You must be logged in to do this.',
  status: 'error',
  message: 'You must be logged in to do this.',
};

export const forbidden403 = { success: false, error: 'unauthorized' };

/** Reads a whole (small) body as text. */
export async function readText(req: Readable, limit = 1024 * 1024): Promise<string> {
  let text = '';
  for await (const chunk of req) {
    text += chunk;
    if (text.length > limit) break;
  }
  return text;
}

/** Reads and discards a body (so the client sees the answer, not a reset). */
export async function drain(req: Readable): Promise<void> {
  for await (const _ of req) void _;
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
  /** where the bytes are on disk (deleted by the caller when not kept) */
  path: string;
}

export interface Multipart {
  files: ReceivedFile[];
  fields: Record<string, string>;
}

export class NotMultipart extends Error {}

/**
 * Streams a multipart body to disk, hashing as it goes: no file is held in memory.
 * `failWrites` makes every disk write fail (the storage-failure fault).
 */
export function receiveMultipart(req: IncomingMessage, body: Readable, dir: string, failWrites = false): Promise<Multipart> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { fieldSize: 1024 * 1024 } });
    } catch {
      return reject(new NotMultipart('Missing Content-Type'));
    }
    const files: ReceivedFile[] = [];
    const fields: Record<string, string> = {};
    const writes: Promise<void>[] = [];
    let failed: Error | undefined;
    parser.on('field', (name, value) => (fields[name] = value));
    parser.on('file', (field, stream, info) => {
      const path = join(dir, `part-${Date.now()}-${randomBytes(6).toString('hex')}`);
      const hash = createHash('sha256');
      const file: ReceivedFile = { field, name: info.filename ?? '', type: info.mimeType ?? '', size: 0, sha256: '', path };
      files.push(file);
      const out = createWriteStream(failWrites ? join(dir, 'no-such-folder', 'x') : path);
      writes.push(
        new Promise<void>((done) => {
          out.on('error', (error) => {
            failed ??= error;
            stream.resume();
            done();
          });
          out.on('finish', () => done());
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
    parser.on('error', (error) => reject(error));
    parser.on('close', () => {
      void Promise.all(writes).then(() => {
        if (failed) {
          for (const file of files) rmSync(file.path, { force: true });
          reject(Object.assign(new Error(`storage: ${failed.message}`), { storage: true }));
        } else resolve({ files, fields });
      });
    });
    body.on('error', reject);
    body.pipe(parser);
  });
}

/** Lower-case request headers as plain strings. */
export function headerRecord(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}
