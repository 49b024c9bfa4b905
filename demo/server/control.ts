/**
 * The `/_test` control API (README.md "Test controls"): fresh rooms, permissions, faults, state,
 * settings, the clock and the rate limiter. It answers only programs on this machine: never a
 * remote address, never a web page (a request with `Origin` or `Sec-Fetch-Site`), and it sends
 * no CORS headers. Credentials in `state` are masked.
 */
import type { Ctx, Handler } from './index.ts';
import { BodyTooLarge, bare, drain, json, readText } from './http.ts';
import { validSettings } from './settings.ts';
import { newId, type Room } from './store.ts';

class BadRequest extends Error {}

async function body(ctx: Ctx): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readText(ctx.body);
  } catch (error) {
    if (error instanceof BodyTooLarge) throw new BadRequest(error.message);
    throw error;
  }
  if (!text) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BadRequest('the body is not JSON');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new BadRequest('the body must be a JSON object');
  return value as Record<string, unknown>;
}

const loopback = (address: string | undefined) => address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1' || Boolean(address?.startsWith('127.'));

/** Why this caller may not use the controls, or undefined. */
export function refusal(ctx: Ctx): string | undefined {
  if (!loopback(ctx.req.socket.remoteAddress)) return 'The test controls answer only this machine.';
  if (ctx.headers.origin !== undefined || ctx.headers['sec-fetch-site'] !== undefined) return 'The test controls do not answer web pages.';
  if (ctx.req.method !== 'GET' && ctx.req.method !== 'DELETE' && ctx.headers['content-length'] !== '0' && ctx.headers['content-type'] !== undefined && !ctx.headers['content-type'].startsWith('application/json'))
    return 'The test controls take JSON bodies only.';
  return undefined;
}

export const control: Handler = async (ctx) => {
  const { store, res, req, url } = ctx;
  bare.add(res);
  const refused = refusal(ctx);
  if (refused) {
    await drain(ctx.body);
    return json(res, 403, { success: false, error: refused });
  }
  const reply = (status: number, payload: unknown) => json(res, status, payload);
  try {
    switch (`${req.method} ${ctx.params[0]}`) {
      case 'POST rooms': {
        const spec = await body(ctx);
        const livechat = spec.livechat as { token?: string; open?: boolean } | undefined;
        if (livechat) {
          const room = store.addRoom({ _id: `lc-${newId()}`, t: 'l', members: new Set(), visitorToken: livechat.token, open: livechat.open ?? true });
          return reply(200, { rid: room._id });
        }
        const names = (spec.members as string[] | undefined) ?? ['demo'];
        const members = new Set(names.map((name) => store.userByName(name)?._id).filter((id): id is string => Boolean(id)));
        const t = (['c', 'p', 'd'] as const).find((kind) => kind === spec.t) ?? 'p';
        const room: Room = { _id: `room-${newId()}`, t, members, ro: spec.ro === true, muted: Array.isArray(spec.muted) ? spec.muted.map(String) : undefined, encrypted: spec.encrypted === true };
        store.addRoom(room);
        return reply(200, { rid: room._id });
      }
      case 'PUT permissions': {
        const spec = await body(ctx);
        const user = store.userByName(String(spec.user ?? '')) ?? store.users.get(String(spec.user ?? ''));
        if (!user) return reply(400, { success: false, error: 'no such user' });
        for (const permission of (spec.add as string[] | undefined) ?? []) user.permissions.add(String(permission));
        for (const permission of (spec.remove as string[] | undefined) ?? []) user.permissions.delete(String(permission));
        return reply(200, { user: user.username, permissions: [...user.permissions] });
      }
      case 'POST faults':
        try {
          return reply(200, { id: ctx.faults.add(await body(ctx)).id });
        } catch (error) {
          return reply(400, { error: (error as Error).message });
        }
      case 'DELETE faults':
        await drain(ctx.body);
        ctx.faults.clear();
        return reply(200, { success: true });
      case 'GET state':
        return reply(200, store.state(url.searchParams.get('rid') ?? ''));
      case 'PUT settings': {
        const { ok, refused: unknown } = validSettings(await body(ctx));
        if (unknown.length) return reply(400, { success: false, error: `unknown settings or wrong types: ${unknown.join(', ')}` });
        store.settings = { ...store.settings, ...ok };
        return reply(200, store.settings);
      }
      case 'DELETE settings':
        await drain(ctx.body);
        store.settings = { ...store.baseSettings };
        store.resetPermissions();
        return reply(200, store.settings);
      case 'PUT clock': {
        // Moves the server's clock forward (ms): unconfirmed uploads expire, rate-limit windows end.
        const spec = await body(ctx);
        const advance = Number(spec.advance ?? 0);
        if (!Number.isFinite(advance) || advance < 0) return reply(400, { success: false, error: 'advance must be a number of milliseconds, not negative' });
        store.clockOffset += advance;
        store.expire();
        return reply(200, { now: store.now() });
      }
      case 'DELETE ratelimit':
        await drain(ctx.body);
        ctx.limiter.reset();
        return reply(200, { success: true });
      default:
        await drain(ctx.body);
        return reply(404, { success: false, error: 'Not found' });
    }
  } catch (error) {
    if (error instanceof BadRequest) return reply(400, { success: false, error: error.message });
    throw error;
  }
};
