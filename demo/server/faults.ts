/**
 * Faults a test arms for the next requests to a route (servers.md "Faults every flow must
 * survive"): answer slowly, stall, drop the connection, answer a given status and body (or a
 * long error text), redirect elsewhere, lose the answer after doing the work, read slowly, or
 * fail to store. Every kind and its fields are listed in README.md "Faults".
 */
import type { Route } from './store.ts';

export type FaultKind = 'status' | 'redirect' | 'delay' | 'drop' | 'stall' | 'hang' | 'lose-answer' | 'throttle' | 'storage-fail';

export interface Fault {
  id: number;
  route: Route;
  /** only requests for this room (upload_file: matched by route alone, the room ID is in the body) */
  rid?: string;
  /** how many more requests get it */
  times: number;
  kind: FaultKind;
  status?: number;
  body?: string;
  contentType?: string;
  headers?: Record<string, string>;
  /** `status`: the answer is an error text of this many characters (JSON `{success:false,error}`, or plain text with a non-JSON `contentType`) */
  errorLength?: number;
  /** `redirect`: where to (any origin) */
  location?: string;
  ms?: number;
  afterBytes?: number;
  bytesPerSecond?: number;
}

const kinds = new Set<FaultKind>(['status', 'redirect', 'delay', 'drop', 'stall', 'hang', 'lose-answer', 'throttle', 'storage-fail']);

export class Faults {
  #list: Fault[] = [];
  #next = 1;

  /** Arms a fault; throws for a spec that is not one. */
  add(spec: Partial<Fault>): Fault {
    if (!spec.route || !spec.kind || !kinds.has(spec.kind)) throw new Error('a fault needs a route and a known kind');
    if (spec.kind === 'redirect' && typeof spec.location !== 'string') throw new Error('a redirect fault needs a location');
    if (spec.errorLength !== undefined && !(Number.isInteger(spec.errorLength) && spec.errorLength >= 0 && spec.errorLength <= 64 * 1024 * 1024)) throw new Error('errorLength must be a whole number of characters up to 64 MiB');
    const fault: Fault = { ...spec, route: spec.route, kind: spec.kind, times: spec.times ?? 1, id: this.#next++ };
    this.#list.push(fault);
    return fault;
  }

  clear(): void {
    this.#list = [];
  }

  /** The fault this request gets, if any (used up one time). */
  take(route: Route, rid: string | undefined): Fault | undefined {
    const fault = this.#list.find((f) => f.route === route && (f.rid === undefined || route === 'upload_file' || f.rid === rid));
    if (!fault) return undefined;
    if (--fault.times <= 0) this.#list.splice(this.#list.indexOf(fault), 1);
    return fault;
  }
}
