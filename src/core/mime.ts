/**
 * Types the way Rocket.Chat sees them (servers.md corrections, "Types"): before any type check,
 * an empty, `application/octet-stream` or unknown declared type is mapped from the file name
 * with mime-db and Rocket.Chat's extras, as the server does before it checks its lists. The
 * table (`mime-table.ts`, about 11 KB gzip) is its own chunk, fetched on first need only: a file
 * declared as one of the plain types below resolves at once, without it.
 *
 * API, for the queue. `resolveType(file)` is a string when no table is needed or it is loaded,
 * else a Promise of it (it never rejects: without the table it falls back on `file.type`).
 * `checkFile(file, rules, count, type)` checks `type`; `null` skips the type checks. So `add()`
 * can stay synchronous, staging a file whose type is on its way and checking it again on arrival:
 * ```ts
 * const type = resolveType(file);
 * const reason = checkFile(file, rules, count, typeof type === 'string' ? type : null);
 * if (typeof type !== 'string') void type.then(() => this.recheck());
 * // recheck(): const t = resolveType(item.file); checkFile(item.file, rules, 0, typeof t === 'string' ? t : item.file.type)
 * // and before the first byte of a send: await loadTypeTable(), then recheck(), when any type was pending
 * ```
 * The queue does this with `typeNow(file)`, the same answer as a string or null (the table on its
 * way), which keeps its code small.
 * `checkFile(file, rules, count)` without the fourth argument checks the declared `file.type`, as
 * before. `loadTypeTable()` also warms the table ahead of need (e.g. when the server's lists
 * arrive). This module is small (about 150 bytes gzip) and may sit in the entry bundle with the queue;
 * the table must only ever arrive through the dynamic import below.
 */
import type * as Table from './mime-table.js';

let table: typeof Table | undefined;
let loading: Promise<typeof Table | undefined> | undefined;

/**
 * Types that map to themselves whatever the name: each is known to mime-db, and its first
 * extension maps back to it (test/core/mime.test.ts checks this against the table).
 */
const plain = /^(image\/(png|jpeg|gif|webp)|application\/pdf|text\/plain|video\/mp4)$/;

/** Loads the type table once; resolves undefined (and tries again next time) if it cannot load. */
export function loadTypeTable(): Promise<typeof Table | undefined> {
  return (loading ??= import('./mime-table.js').then(
    (module) => (table = module),
    () => (loading = undefined),
  ));
}

/**
 * The type Rocket.Chat gives `file` when it can be told now (no table needed, or it is loaded);
 * else null, and the table starts loading (the queue checks the file again when it is in).
 */
export function typeNow(file: Pick<File, 'name' | 'type'>): string | null {
  const type = file.type.toLowerCase();
  if (plain.test(type)) return type;
  if (table) return table.serverType(type, file.name);
  void loadTypeTable();
  return null;
}

/** The type Rocket.Chat gives `file`: at once when no table is needed or it is loaded. */
export function resolveType(file: Pick<File, 'name' | 'type'>): string | Promise<string> {
  const type = file.type.toLowerCase();
  if (plain.test(type)) return type;
  if (table) return table.serverType(type, file.name);
  return loadTypeTable().then((loaded) => (loaded ? loaded.serverType(type, file.name) : type));
}
