/**
 * rooms (Rocket.Chat): `rooms.media` takes the bytes and answers a temporary file ID (R1);
 * `rooms.mediaConfirm` posts the message (R11). servers.md "rooms — two steps".
 */
import { expectOk, expectShape, hasId } from '../errors.js';
import { endpoint, json } from '../request.js';
import { flowFeatures } from '../flows.js';
import type { FlowContext, Restrictions, Transport } from '../types.js';
import { compact, formData, sendBytes } from './shared.js';
import { settingsLimits } from './settings.js';

const path = (ctx: FlowContext, step: string) => `/api/v1/${step}/${encodeURIComponent(ctx.roomId)}`;

export const rooms: Transport = {
  features: flowFeatures.rooms,

  authHeaders: (ctx) => compact({ 'X-User-Id': ctx.userId, 'X-Auth-Token': ctx.authToken }) as Record<string, string>,

  async upload(item, ctx) {
    // Step one takes exactly one part named `file`; text belongs to step two (R4, R6).
    const response = await sendBytes(path(ctx, 'rooms.media'), formData(item), ctx);
    // Proof of a staged file: `file._id`, a string (R1). Anything else is no chat server's answer.
    expectShape(response, hasId(response.file), 'upload');
    return { fileId: (response.file as { _id: string })._id, response, name: item.name };
  },

  async confirm(item, uploaded, ctx) {
    const { customFields, ...fields } = ctx.confirmFields;
    const body = compact({
      msg: ctx.message, // the first file's confirm only
      description: item.description,
      tmid: ctx.threadId,
      ...fields,
      // The server refuses an object here: it wants a JSON string (R15).
      customFields: customFields && Object.keys(customFields).length ? JSON.stringify(customFields) : undefined,
      // Renamed after the bytes went up: 8.6+ renames the file (R15).
      fileName: uploaded.name !== undefined && item.name !== uploaded.name ? item.name : undefined,
    });
    const post = () =>
      json(endpoint(ctx.serverUrl, `${path(ctx, 'rooms.mediaConfirm')}/${encodeURIComponent(uploaded.fileId ?? '')}`), {
        method: 'POST',
        headers: ctx.headers,
        body,
        signal: ctx.signal,
        timeout: ctx.stallTimeout,
      });
    let answer = await post();
    // An older server refuses the key and posts nothing: confirm once more without it.
    if (body.fileName && answer.status === 400 && answer.text.includes('Unknown key in field fileName')) {
      delete body.fileName;
      answer = await post();
    }
    // Proof of a post: the message, with its `_id` (R11).
    const response = expectOk(answer, 'confirm');
    return expectShape(response, hasId(response.message), 'confirm');
  },

  limits: (ctx): Promise<Partial<Restrictions>> => settingsLimits(ctx, 'rooms'),
};
