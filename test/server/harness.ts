/** Starts a reference server for one test file and talks to it from Node. */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll } from 'vitest';
import { startReferenceServer, type ReferenceServer, type ServerOptions } from '../../demo/server/index.ts';
import { seed } from '../../demo/server/seed.ts';

export { seed };

/** A server of its own for a test file; `options` as startReferenceServer's (Rocket.Chat's defaults otherwise). */
export function useServer(options: Omit<ServerOptions, 'port' | 'dataDir'> = {}) {
  const ref = { url: '', server: undefined as ReferenceServer | undefined, dir: '' };
  beforeAll(async () => {
    ref.dir = mkdtempSync(join(tmpdir(), 'cfu-server-test-'));
    ref.server = await startReferenceServer({ port: 0, dataDir: ref.dir, ...options });
    ref.url = ref.server.url;
  });
  afterAll(async () => {
    await ref.server?.close();
    rmSync(ref.dir, { recursive: true, force: true });
  });
  return ref;
}

export const roomsAuth = { 'X-User-Id': seed.user.id, 'X-Auth-Token': seed.user.token };

export function form(parts: { name: string; value: string | Blob; filename?: string }[]): FormData {
  const body = new FormData();
  for (const part of parts) {
    if (typeof part.value === 'string') body.append(part.name, part.value);
    else body.append(part.name, part.value, part.filename ?? 'file.bin');
  }
  return body;
}

export function bytes(size: number, type = 'application/octet-stream'): Blob {
  const data = new Uint8Array(size);
  for (let i = 0; i < size; i++) data[i] = (i * 31 + 7) & 0xff;
  return new Blob([data], { type });
}

export async function call(url: string, init: RequestInit = {}): Promise<{ status: number; body: any; headers: Headers }> {
  const response = await fetch(url, init);
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: response.status, body, headers: response.headers };
}

export async function control(base: string, path: string, method = 'GET', data?: unknown): Promise<any> {
  return (await call(`${base}/_test/${path}`, { method, headers: data ? { 'Content-Type': 'application/json' } : undefined, body: data ? JSON.stringify(data) : undefined })).body;
}

/** A raw request whose body is sent in chunks, to see how the server cuts it off. Resolves with how it ended. */
export function rawUpload(base: string, path: string, headers: Record<string, string>, size: number): Promise<'answered' | 'closed'> {
  return new Promise((resolve) => {
    const boundary = 'xBOUNDARYx';
    const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="raw.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`);
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const req = httpRequest(`${base}${path}`, {
      method: 'POST',
      headers: { ...headers, 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Content-Length': String(head.length + size + tail.length) },
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve(res.complete ? 'answered' : 'closed'));
      res.on('aborted', () => resolve('closed'));
      res.on('error', () => resolve('closed'));
    });
    req.on('error', () => resolve('closed'));
    req.write(head);
    let sent = 0;
    const chunk = Buffer.alloc(64 * 1024, 1);
    const pump = () => {
      while (sent < size) {
        const n = Math.min(chunk.length, size - sent);
        sent += n;
        if (!req.write(chunk.subarray(0, n))) return void req.once('drain', pump);
      }
      req.end(tail);
    };
    pump();
  });
}

/** The temporary `part-*` files in a data folder (what a request leaves behind while being read). */
export const partFiles = (dir: string): string[] => readdirSync(dir).filter((name) => name.startsWith('part-'));

/** How many file descriptors this process has open (the in-process server's included). */
export const openDescriptors = (): number => readdirSync('/proc/self/fd').length;

export interface RawAnswer {
  /** the status of the answer, if one came */
  status?: number;
  text: string;
  /** the server closed the connection without an answer */
  closed: boolean;
}

/**
 * Sends bytes over a raw socket (node:net), exactly as given, then waits for the answer.
 * `hangUp` closes the socket after sending instead of waiting (a client that goes away).
 */
export function rawSend(base: string, bytes: Buffer | string, { hangUp = false, timeout = 10_000 } = {}): Promise<RawAnswer> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    const done = () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('latin1');
      const status = /^HTTP\/1\.1 (\d{3})/.exec(text)?.[1];
      resolve({ status: status ? Number(status) : undefined, text, closed: !status });
    };
    const timer = setTimeout(() => {
      socket.destroy();
      done();
    }, timeout);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', () => undefined);
    socket.on('close', done);
    socket.write(bytes, () => {
      if (hangUp) socket.destroy();
    });
  });
}

/** A raw HTTP request with a multipart body (`parts` already encoded), Content-Length honest unless given. */
export function rawMultipart(path: string, headers: Record<string, string>, body: Buffer, boundary = 'xBOUNDARYx', contentLength = body.length): Buffer {
  const head = [`POST ${path} HTTP/1.1`, 'Host: 127.0.0.1', `Content-Type: multipart/form-data; boundary=${boundary}`, `Content-Length: ${contentLength}`, 'Connection: close',
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`), '', ''].join('\r\n');
  return Buffer.concat([Buffer.from(head), body]);
}

/** One multipart file part (without the closing boundary). */
export const filePart = (data: Buffer, { field = 'file', filename = 'f.bin', boundary = 'xBOUNDARYx' } = {}): Buffer =>
  Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`), data, Buffer.from('\r\n')]);

export const fieldPart = (name: string, value: string, boundary = 'xBOUNDARYx'): Buffer =>
  Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);

export const closing = (boundary = 'xBOUNDARYx'): Buffer => Buffer.from(`--${boundary}--\r\n`);

/** Waits until `check` holds (polling), or fails after `timeout` ms. */
export async function until<T>(check: () => T | Promise<T>, timeout = 5000, what = 'condition'): Promise<T> {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
