/** Starts a reference server for one test file and talks to it from Node. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll } from 'vitest';
import { startReferenceServer, type ReferenceServer } from '../../demo/server/index.ts';
import { seed } from '../../demo/server/seed.ts';

export { seed };

export function useServer() {
  const ref = { url: '', server: undefined as ReferenceServer | undefined, dir: '' };
  beforeAll(async () => {
    ref.dir = mkdtempSync(join(tmpdir(), 'cfu-server-test-'));
    ref.server = await startReferenceServer({ port: 0, dataDir: ref.dir });
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
