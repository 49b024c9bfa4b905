/**
 * Talks to the reference server's test control API (demo/server/README.md) from browser tests.
 * Each test makes a fresh room, so counters and messages are its own.
 */
import { inject } from 'vitest';
import { seed } from '../../demo/server/seed.ts';

export { seed };

/** Base URL of the reference server started by test/setup/reference-server.ts. */
export const serverUrl: string = inject('serverUrl');

/**
 * Calls the test controls. They answer no web page, so the call goes to the Vitest server,
 * which forwards it from Node (vite.config.ts, `/__reference-server/`).
 */
export async function control<T = unknown>(path: string, method = 'GET', body?: unknown): Promise<T> {
  const response = await fetch(`/__reference-server/_test/${path}`, {
    method,
    headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`control ${method} ${path}: ${response.status} ${await response.text()}`);
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A fresh chat room with the demo user as a member. */
export async function freshRoom(members: string[] = [seed.user.username]): Promise<string> {
  return (await control<{ rid: string }>('rooms', 'POST', { members })).rid;
}

/** A fresh open livechat room of the demo visitor. */
export async function freshLivechatRoom(token: string = seed.visitor.token, open = true): Promise<string> {
  return (await control<{ rid: string }>('rooms', 'POST', { livechat: { token, open } })).rid;
}

export type Route = 'rooms.media' | 'rooms.mediaConfirm' | 'livechat.upload' | 'upload_file' | 'settings.public' | 'livechat.config';

/** Arms a fault for the next `times` requests to `route` (in room `rid`). */
export function fault(route: Route, rid: string | undefined, spec: Record<string, unknown>, times = 1): Promise<unknown> {
  return control('faults', 'POST', { route, rid, times, ...spec });
}

export interface ServerState {
  counts: Partial<Record<Route, number>>;
  uploads: { fileId: string; rid: string; route: string; name: string; type: string; size: number; sha256: string; fields: Record<string, string>; headers: Record<string, string> }[];
  confirms: { fileId: string; rid: string; status: number; body: Record<string, unknown>; headers: Record<string, string> }[];
  messages: Record<string, any>[];
}

/** The server masks credentials in `state` (`masked:` + 16 hex digits of SHA-256); the seed's are put back. */
async function unmask(value: string, known: Map<string, string>): Promise<string> {
  return known.get(value) ?? value;
}

let seedMasks: Promise<Map<string, string>> | undefined;
function masks(): Promise<Map<string, string>> {
  const secrets = [seed.user.token, seed.otherUser.token, seed.visitor.token, seed.otherVisitor.token, seed.single.token, seed.single.ghostToken];
  seedMasks ??= Promise.all(secrets.map(async (secret) => [`masked:${(await sha256(new Blob([secret]))).slice(0, 16)}`, secret] as const)).then((pairs) => new Map(pairs));
  return seedMasks;
}

export async function state(rid: string): Promise<ServerState> {
  const s = await control<ServerState>(`state?rid=${encodeURIComponent(rid)}`);
  const known = await masks();
  for (const record of [...s.uploads, ...s.confirms]) {
    for (const [name, value] of Object.entries(record.headers)) record.headers[name] = await unmask(value, known);
  }
  for (const message of s.messages) if (typeof message.token === 'string') message.token = await unmask(message.token, known);
  return s;
}

export async function setSettings(settings: Record<string, unknown>): Promise<void> {
  await control('settings', 'PUT', settings);
}

export async function resetServer(): Promise<void> {
  await control('settings', 'DELETE');
  await control('faults', 'DELETE');
}

/** Hex SHA-256 of a file's bytes, to compare with what the server stored. */
export async function sha256(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** A file of `size` bytes with varied content (so byte-identity means something). */
export function makeFile(name: string, size: number, type = 'application/octet-stream'): File {
  const bytes = new Uint8Array(size);
  let x = size ^ 0x9e3779b9;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    bytes[i] = x >>> 24;
  }
  return new File([bytes], name, { type });
}

/** A small real PNG (solid colour), made with a canvas. */
export async function makePng(name: string, width = 64, height = 48, colour = '#3a7'): Promise<File> {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d')!;
  context.fillStyle = colour;
  context.fillRect(0, 0, width, height);
  const blob = await canvas.convertToBlob({ type: 'image/png' });
  return new File([blob], name, { type: 'image/png' });
}

/**
 * A JPEG of `width`×`height` whose EXIF block says "rotate 90° clockwise to show" (orientation 6),
 * as phone cameras write them: shown right, it is `height` wide and `width` tall.
 */
export async function makeRotatedJpeg(name: string, width = 64, height = 48): Promise<File> {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#c33';
  context.fillRect(0, 0, width, height);
  const jpeg = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg' })).arrayBuffer());
  // APP1 "Exif": a big-endian TIFF header and one IFD entry, Orientation (0x0112) = 6.
  const exif = [0xff, 0xe1, 0x00, 0x22, ...'Exif'.split('').map((c) => c.charCodeAt(0)), 0, 0,
    0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08, 0x00, 0x01,
    0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, 0x06, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00];
  return new File([jpeg.slice(0, 2), new Uint8Array(exif), jpeg.slice(2)], name, { type: 'image/jpeg' });
}

/** The colour at the centre of a preview (a canvas or an image), as [r, g, b]. */
export function centreColour(source: HTMLCanvasElement | HTMLImageElement): number[] {
  const canvas = new OffscreenCanvas(1, 1);
  const context = canvas.getContext('2d')!;
  const width = source instanceof HTMLImageElement ? source.naturalWidth : source.width;
  const height = source instanceof HTMLImageElement ? source.naturalHeight : source.height;
  context.drawImage(source, width / 2, height / 2, 1, 1, 0, 0, 1, 1);
  return [...context.getImageData(0, 0, 1, 1).data.slice(0, 3)];
}

/** Waits until `check` returns a truthy value (polling), or fails after `timeout` ms. */
export async function until<T>(check: () => T | Promise<T>, timeout = 10_000, what = 'condition'): Promise<T> {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
