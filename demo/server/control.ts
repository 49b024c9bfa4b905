/** The `/_test` control API: fresh rooms, faults, state, settings (see README.md). */
import type { Handler } from './index.ts';
import { json, readText } from './http.ts';
import { defaultSettings, type Settings } from './settings.ts';
import { newId } from './store.ts';

async function body(ctx: Parameters<Handler>[0]): Promise<Record<string, unknown>> {
  const text = await readText(ctx.body);
  return text ? JSON.parse(text) : {};
}

export const control: Handler = async (ctx) => {
  const { store, res, req, url } = ctx;
  const what = `${req.method} ${ctx.params[0]}`;
  switch (what) {
    case 'POST rooms': {
      const spec = await body(ctx);
      const livechat = spec.livechat as { token?: string; open?: boolean } | undefined;
      if (livechat) {
        const room = store.addRoom({ _id: `lc-${newId()}`, t: 'l', members: new Set(), visitorToken: livechat.token, open: livechat.open ?? true });
        return json(res, 200, { rid: room._id });
      }
      const names = (spec.members as string[] | undefined) ?? ['demo'];
      const members = new Set(names.map((name) => store.userByName(name)?._id).filter((id): id is string => Boolean(id)));
      const room = store.addRoom({ _id: `room-${newId()}`, t: 'c', members });
      return json(res, 200, { rid: room._id });
    }
    case 'POST faults': {
      try {
        return json(res, 200, { id: ctx.faults.add(await body(ctx)).id });
      } catch (error) {
        return json(res, 400, { error: (error as Error).message });
      }
    }
    case 'DELETE faults':
      ctx.faults.clear();
      return json(res, 200, { success: true });
    case 'GET state':
      return json(res, 200, store.state(url.searchParams.get('rid') ?? ''));
    case 'PUT settings':
      store.settings = { ...store.settings, ...((await body(ctx)) as Partial<Settings>) };
      return json(res, 200, store.settings);
    case 'DELETE settings':
      store.settings = { ...defaultSettings };
      return json(res, 200, store.settings);
    default:
      return json(res, 404, { success: false, error: 'Not found' });
  }
};
