/**
 * The type table: mime-db's mappings (through the `mime` package, standard and vendor types)
 * plus Rocket.Chat's own extras. Loaded only by `mime.ts`, as its own chunk, when a file's
 * declared type cannot be taken as it is.
 */
import { Mime } from 'mime/lite';
import other from 'mime/types/other.js';
import standard from 'mime/types/standard.js';

/**
 * Rocket.Chat adds these to mime-db (apps/meteor/lib/mimeTypes.ts): `lst` is plain text, `wav`
 * is `audio/wav`, `ico` is `image/x-icon` and `aac` is `audio/aac`.
 */
const extras = { 'text/plain': ['lst'], 'audio/wav': ['wav'], 'image/x-icon': ['ico'], 'audio/aac': ['aac'] };

const table = new Mime(standard, other).define(extras, true);

/** The type mime-db (with Rocket.Chat's extras) gives a name's extension, if any. */
export function typeOfName(name: string): string | undefined {
  return table.getType(name) ?? undefined;
}

/** The first extension mime-db lists for a type; undefined for a type it does not know. */
export function extensionOfType(type: string): string | undefined {
  return table.getExtension(type) ?? undefined;
}

/**
 * The type Rocket.Chat goes by for a file declared as `type` and named `name` (its
 * `getMimeType`): a known type whose extension differs from the name's is kept, as the name may
 * be wrong; any other type (empty, `application/octet-stream`, unknown to mime-db, or agreeing
 * with the name) is taken from the name, and a name mime-db does not know is
 * `application/octet-stream`. So the result is never empty.
 */
export function serverType(type: string, name: string): string {
  const declared = type.toLowerCase();
  const extension = declared && declared !== 'application/octet-stream' ? extensionOfType(declared) : undefined;
  const dot = name.lastIndexOf('.');
  if (extension && extension !== name.slice(dot + 1).toLowerCase()) return declared;
  return typeOfName(name) ?? 'application/octet-stream';
}
