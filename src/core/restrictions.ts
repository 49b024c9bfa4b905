/**
 * Client-side checks, run before a file joins the queue: nothing is sent for a file that fails.
 * The server-side lists follow servers.md "Server settings the limits come from".
 */
import type { RejectReason, Restrictions } from './types.js';

/** A photo (JPEG or WebP), which is made ready to send: resized, stripped, fitted to the limit (issue 15). */
export const isPhoto = (type: string): boolean => /^image\/(jpeg|webp)$/i.test(type);

/** Splits a comma-separated list of types, entries trimmed, empties dropped. */
export function splitList(list: string | undefined): string[] {
  return (list ?? '').split(',').map((entry) => entry.trim().toLowerCase()).filter(Boolean);
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot).toLowerCase() : '';
}

/** Does `type` match an entry that is an exact type or `type/*`? */
function matchesType(type: string, entry: string): boolean {
  if (entry === '*' || entry === '*/*') return true;
  if (entry.endsWith('/*')) return type.startsWith(entry.slice(0, -1));
  return type === entry;
}

/**
 * Like `<input accept>`: MIME types, `type/*` wildcards and `.ext` extensions. `type` is the
 * type to match (by default the declared one; `checkFile` passes the resolved one, mime.ts).
 */
export function matchesAccept(file: Pick<File, 'name' | 'type'>, accept: string | undefined, type = file.type.toLowerCase()): boolean {
  const entries = splitList(accept);
  if (!entries.length) return true;
  const extension = extensionOf(file.name);
  return entries.some((entry) => (entry.startsWith('.') ? entry === extension : matchesType(type, entry)));
}

/**
 * The server's lists (servers.md corrections, "Types"): a type on the black list is refused;
 * then an empty white list (or `*`) allows the rest. An empty type is refused only when a white
 * list is set, never because of the black list alone.
 */
export function allowedByServer(type: string, rules: Pick<Restrictions, 'allowedTypes' | 'blockedTypes'>): boolean {
  const allowed = rules.allowedTypes ?? [];
  const t = type.toLowerCase();
  if (t && rules.blockedTypes?.some((entry) => matchesType(t, entry))) return false;
  return !allowed.length || allowed.some((entry) => matchesType(t, entry));
}

/**
 * Why `file` cannot be added to a list that already holds `count` items, or undefined when it can.
 * `type` is the type to check: pass `resolveType(file)` (mime.ts) to check it as Rocket.Chat sees
 * it; `null` while it is still being resolved skips the type checks (check again once it is
 * known); by default the declared `file.type`.
 */
export function checkFile(file: File, rules: Restrictions, count: number, type: string | null = file.type): RejectReason | undefined {
  if (rules.uploadsDisabled) return 'disabled';
  if (rules.maxFiles !== undefined && count >= rules.maxFiles) return 'too-many';
  if (file.size === 0) return 'empty';
  if (rules.maxFileSize !== undefined && rules.maxFileSize >= 0 && file.size > rules.maxFileSize && !(rules.fits && isPhoto(file.type))) return 'too-large';
  if (type !== null && (!matchesAccept(file, rules.accept, type.toLowerCase()) || !allowedByServer(type, rules))) return 'invalid-type';
  return undefined;
}
