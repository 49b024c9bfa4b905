/** Shared by the end-to-end specs: the reference server's control API and file fixtures. */
import { expect, type APIRequestContext, type Page, test } from '@playwright/test';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { serverPort } from '../../playwright.config.ts';
import { seed } from '../../demo/server/seed.ts';

export { seed };
export const serverUrl = `http://127.0.0.1:${serverPort}`;

export async function control<T = unknown>(request: APIRequestContext, path: string, method = 'GET', data?: unknown): Promise<T> {
  const response = await request.fetch(`${serverUrl}/_test/${path}`, { method, data });
  expect(response.ok(), `${method} /_test/${path}`).toBe(true);
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export async function freshRoom(request: APIRequestContext): Promise<string> {
  return (await control<{ rid: string }>(request, 'rooms', 'POST', { members: [seed.user.username] })).rid;
}

export function fault(request: APIRequestContext, route: string, rid: string | undefined, spec: Record<string, unknown>, times = 1) {
  return control(request, 'faults', 'POST', { route, rid, times, ...spec });
}

export interface ServerState {
  counts: Record<string, number>;
  uploads: { fileId: string; name: string; type: string; size: number; sha256: string; fields: Record<string, string> }[];
  confirms: { fileId: string; status: number; body: Record<string, unknown> }[];
  messages: Record<string, any>[];
}
/** The server masks credentials in `state` (`masked:` + 16 hex digits of SHA-256); the seed's are put back. */
const seedSecrets = [seed.user.token, seed.otherUser.token, seed.visitor.token, seed.otherVisitor.token, seed.single.token, seed.single.ghostToken];
const masks = new Map(seedSecrets.map((secret) => [`masked:${createHash('sha256').update(secret).digest('hex').slice(0, 16)}`, secret]));

export async function state(request: APIRequestContext, rid: string): Promise<ServerState> {
  const s = await control<ServerState & { uploads: { headers?: Record<string, string> }[]; confirms: { headers?: Record<string, string> }[] }>(request, `state?rid=${rid}`);
  for (const record of [...s.uploads, ...s.confirms]) {
    for (const [name, value] of Object.entries(record.headers ?? {})) record.headers![name] = masks.get(value) ?? value;
  }
  for (const message of s.messages) if (typeof message.token === 'string') message.token = masks.get(message.token) ?? message.token;
  return s;
}

/** Writes a fixture file of `size` bytes to the test's output folder; returns its path and hash. */
export function fixtureFile(name: string, size: number, fill = 7): { path: string; sha256: string } {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i += 4096) bytes[i] = (i / 4096 + fill) & 0xff;
  const path = test.info().outputPath(name);
  writeFileSync(path, bytes);
  return { path, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** A small real PNG (a 2×2 image), written to the output folder. */
export function pngFile(name: string): { path: string; sha256: string } {
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP4z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==',
    'base64',
  );
  const path = test.info().outputPath(name);
  writeFileSync(path, png);
  return { path, sha256: createHash('sha256').update(png).digest('hex') };
}

/** Points the demo page's room element at `rid` (the demo user's credentials stay). */
export async function useRoom(page: Page, rid: string, selector = '#uploader') {
  await page.locator(selector).evaluate((el, id) => el.setAttribute('room-id', id), rid);
}

/**
 * Waits for the parts of the element that load after its first paint (the list, the panel, the
 * drop-target and paste-target listeners): events dispatched by a test at once after the page
 * loads would otherwise race their download.
 */
export async function loaded(page: Page, selector: string) {
  await page.locator(selector).evaluate(async (el) => {
    await customElements.whenDefined(el.localName);
    await (el as HTMLElement & { updateComplete: Promise<boolean> }).updateComplete;
  });
}

/** Drops files (made in the page) on the element's drop zone, as a person dragging them would. */
export async function dropFiles(page: Page, selector: string, files: { name: string; type: string; size: number }[]) {
  const dataTransfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([new Uint8Array(f.size).fill(65)], f.name, { type: f.type }));
    return dt;
  }, files);
  const zone = page.locator(`${selector} [part~="dropzone"]`);
  await zone.dispatchEvent('dragenter', { dataTransfer });
  await zone.dispatchEvent('dragover', { dataTransfer });
  await zone.dispatchEvent('drop', { dataTransfer });
}

/**
 * A screenshot of `selector` (animations stopped), attached to the test's report. With `to`, it is
 * written there (e.g. `docs/screenshots/staged.png`, for the README), else in the test's output folder.
 */
export async function shoot(page: Page, name: string, selector = '#uploader', to?: string) {
  const path = to ?? test.info().outputPath(`${name}.png`);
  mkdirSync(dirname(path), { recursive: true });
  await page.locator(selector).screenshot({ path, animations: 'disabled' });
  await test.info().attach(name, { path, contentType: 'image/png' });
}

/** Opens a card's details with its edit button, as a person would; resolves with them. */
export async function openDetails(page: Page, selector: string, index = 0) {
  await page.locator(`${selector} [part~="item"]`).nth(index).locator('[part~="edit-button"]').click();
  const editor = page.locator(`${selector} [part~="editor"]`);
  await expect(editor).toBeVisible();
  return editor;
}

/**
 * The spec reads what sent cards say: every element on the page keeps them (`keep-sent`, as a
 * host that wants a log sets it) instead of clearing them once posted.
 */
export function keepSentCards(): void {
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => {
      document.addEventListener('DOMContentLoaded', () => {
        for (const node of document.querySelectorAll('chat-file-upload')) node.setAttribute('keep-sent', '');
      });
    });
  });
}
