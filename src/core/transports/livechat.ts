/**
 * livechat (Rocket.Chat omnichannel visitor): one multipart POST with the file and its
 * description; the answer is the posted message (L1). servers.md "livechat — one step".
 */
import { expectShape, hasId } from '../errors.js';
import { flowFeatures } from '../flows.js';
import type { Transport } from '../types.js';
import { compact, formData, sendBytes } from './shared.js';
import { settingsLimits } from './settings.js';

export const livechat: Transport = {
  features: flowFeatures.livechat,

  authHeaders: (ctx) => compact({ 'x-visitor-token': ctx.visitorToken }) as Record<string, string>,

  async upload(item, ctx) {
    const body = formData(item, { description: item.description, msg: ctx.message });
    const response = await sendBytes(`/api/v1/livechat/upload/${encodeURIComponent(ctx.roomId)}`, body, ctx);
    // Proof of a post: the livechat message, with its `_id` (L1; 7.x wraps it in `message`).
    return { response: expectShape(response, hasId(response) || hasId(response.message), 'upload') };
  },

  limits: (ctx) => settingsLimits(ctx, 'livechat'),
};
