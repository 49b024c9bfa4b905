/** The limits a Rocket.Chat server enforces, read from its public settings (servers.md). */
import { expectOk, isRecord } from '../errors.js';
import { endpoint, json } from '../request.js';
import { splitList } from '../restrictions.js';
import type { FlowContext, Restrictions } from '../types.js';

const keys = ['FileUpload_Enabled', 'FileUpload_MaxFileSize', 'FileUpload_MediaTypeWhiteList', 'FileUpload_MediaTypeBlackList'];

/** 100 MiB: livechat's fallback when the size setting is 0 (servers.md). */
const livechatFallback = 104857600;

async function read(ctx: FlowContext, path: string): Promise<unknown> {
  return expectOk(await json(endpoint(ctx.serverUrl, path), { signal: ctx.signal, timeout: 15000 }));
}

/**
 * Reads `settings.public` (and, for livechat, whether uploads are on). A failed read means
 * "unknown": no limits, and the server's own answer is shown after upload.
 */
export async function settingsLimits(ctx: FlowContext, flow: 'rooms' | 'livechat'): Promise<Partial<Restrictions>> {
  try {
    const body = await read(ctx, `/api/v1/settings.public?_id=${keys.join(',')}`);
    const settings = new Map<string, unknown>();
    if (isRecord(body) && Array.isArray(body.settings)) {
      for (const entry of body.settings) if (isRecord(entry) && typeof entry._id === 'string') settings.set(entry._id, entry.value);
    }
    const limits: Partial<Restrictions> = {};
    const size = settings.get('FileUpload_MaxFileSize');
    if (typeof size === 'number' && size >= 0) {
      // 0: rooms refuses every non-empty file; livechat falls back to 100 MiB.
      limits.maxFileSize = size === 0 && flow === 'livechat' ? livechatFallback : size;
    }
    const blocked = settings.get('FileUpload_MediaTypeBlackList');
    if (typeof blocked === 'string') limits.blockedTypes = splitList(blocked);
    const allowed = settings.get('FileUpload_MediaTypeWhiteList');
    if (typeof allowed === 'string') limits.allowedTypes = splitList(allowed).filter((entry) => entry !== '*');
    if (settings.get('FileUpload_Enabled') === false) limits.uploadsDisabled = true;
    if (flow === 'livechat') {
      const config = await read(ctx, '/api/v1/livechat/config').catch(() => undefined);
      const fileUpload = isRecord(config) && isRecord(config.config) && isRecord(config.config.settings) ? config.config.settings.fileUpload : undefined;
      if (fileUpload === false) limits.uploadsDisabled = true;
    }
    return limits;
  } catch {
    return {};
  }
}
