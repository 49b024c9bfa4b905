/** What the transports share: the multipart body and the byte upload. */
import { expectOk, type UploadStep } from '../errors.js';
import { endpoint, xhr } from '../request.js';
import type { SendContext, UploadItem } from '../types.js';

/** A multipart body with the text fields (empty ones left out), then the file under `file`. */
export function formData(item: Readonly<UploadItem>, fields: Record<string, string | undefined> = {}): FormData {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) if (value) body.append(name, value);
  body.append('file', item.file, item.name);
  return body;
}

/** Sends the bytes of one file to `path` by XHR and returns the JSON object of the 2xx answer. */
export async function sendBytes(path: string, body: FormData, ctx: SendContext, step: UploadStep = 'upload'): Promise<Record<string, unknown>> {
  const answer = await xhr(endpoint(ctx.serverUrl, path), {
    headers: ctx.headers,
    body,
    signal: ctx.signal,
    stallTimeout: ctx.stallTimeout,
    onProgress: ctx.onProgress,
    onStart: ctx.onStart,
  });
  return expectOk(answer, step);
}

/** Leaves out the keys without a value: the servers refuse some empty ones (servers.md R15). */
export function compact(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined && value !== ''));
}
