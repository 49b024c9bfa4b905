/** The limits a Rocket.Chat server enforces, read from its public settings (servers.md). */
import { expectOk, isRecord } from '../errors.js';
import { endpoint, json } from '../request.js';
import { splitList } from '../restrictions.js';
import type { FlowContext, Restrictions } from '../types.js';

const keys = ['FileUpload_Enabled', 'FileUpload_Enabled_Direct', 'FileUpload_MaxFileSize', 'FileUpload_MediaTypeBlackList', 'FileUpload_MediaTypeWhiteList', 'Message_MaxAllowedSize'];


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
      // 0 refuses every non-empty file, in both flows (servers.md corrections).
      limits.maxFileSize = size;
    }
    const blocked = settings.get('FileUpload_MediaTypeBlackList');
    if (typeof blocked === 'string') limits.blockedTypes = splitList(blocked);
    const allowed = settings.get('FileUpload_MediaTypeWhiteList');
    if (typeof allowed === 'string') limits.allowedTypes = splitList(allowed).filter((entry) => entry !== '*');
    if (settings.get('FileUpload_Enabled') === false) limits.uploadsDisabled = true;
    if (settings.get('FileUpload_Enabled_Direct') === false) limits.directDisabled = true;
    // R16: a longer msg (or description) is refused at confirm, after the bytes are up.
    const text = settings.get('Message_MaxAllowedSize');
    if (typeof text === 'number' && text > 0) limits.maxTextLength = text;
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
