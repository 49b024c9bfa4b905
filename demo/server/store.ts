/** What the reference server keeps: rooms, uploaded files (on disk), messages and counters. */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReceivedFile } from './http.ts';
import { seed } from './seed.ts';
import { defaultSettings, type Settings } from './settings.ts';

export type Route = 'rooms.media' | 'rooms.mediaConfirm' | 'livechat.upload' | 'upload_file' | 'settings.public' | 'livechat.config';

export interface Room {
  _id: string;
  /** `c` public channel, `p` private group, `d` direct messages, `l` livechat */
  t: 'c' | 'p' | 'd' | 'l';
  members: Set<string>;
  /** read-only: only users with post-readonly may post */
  ro?: boolean;
  /** usernames that may not post */
  muted?: string[];
  /** end-to-end encrypted */
  encrypted?: boolean;
  /** livechat: the visitor's token, and whether the room is open */
  visitorToken?: string;
  open?: boolean;
}

export interface User {
  _id: string;
  username: string;
  name: string;
  token: string;
  /** permissions beyond a plain user's (e.g. message-impersonate, api-bypass-rate-limit) */
  permissions: Set<string>;
}

export interface StoredFile {
  _id: string;
  name: string;
  type: string;
  size: number;
  path: string;
  rid: string;
  userId?: string;
  /** livechat: the visitor's token */
  visitorToken?: string;
  /** an end-to-end encrypted upload (the `content` field) */
  encrypted?: boolean;
  /** unconfirmed uploads are dropped at this time (ms) */
  expiresAt?: number;
  /** confirmed into a message */
  confirmed: boolean;
  /** served to anyone (the single flow's server posts plain links) */
  open?: boolean;
}

export interface UploadRecord {
  fileId: string;
  rid: string;
  route: Route;
  name: string;
  type: string;
  size: number;
  sha256: string;
  fields: Record<string, string>;
  headers: Record<string, string>;
}

export interface ConfirmRecord {
  fileId: string;
  rid: string;
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

export type Message = Record<string, unknown> & { _id: string; rid: string };

export const newId = (): string => randomBytes(9).toString('base64url');

/** How long an unconfirmed upload lives (Rocket.Chat: 24 hours). */
export const uploadLifetime = 24 * 60 * 60 * 1000;

/** Headers whose values are credentials: `state` shows a fingerprint of them, never the value. */
const secretHeaders = new Set(['x-auth-token', 'authorization', 'x-visitor-token', 'cookie', 'x-2fa-code']);

/** What `state` shows for a credential: `masked:` and 16 hex digits of its SHA-256. */
export const maskSecret = (value: string): string => `masked:${createHash('sha256').update(value).digest('hex').slice(0, 16)}`;

/** The longest text a record keeps of one value (the rest of a large field is not held after the request). */
const recordedLength = 16 * 1024;

export function recordable(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name] = secretHeaders.has(name) ? maskSecret(value) : value.slice(0, recordedLength);
  return out;
}

export function recordableFields(fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).slice(0, 50).map(([name, value]) => [name, value.slice(0, recordedLength)]));
}

export class Store {
  settings: Settings;
  readonly rooms = new Map<string, Room>();
  readonly files = new Map<string, StoredFile>();
  readonly users = new Map<string, User>();
  /** single flow: token → user ID (the ghost token's user does not exist: S7) */
  readonly singleTokens = new Map<string, string>();
  readonly messages = new Map<string, Message[]>();
  readonly uploads = new Map<string, UploadRecord[]>();
  readonly confirms = new Map<string, ConfirmRecord[]>();
  readonly counts = new Map<string, Partial<Record<Route, number>>>();
  /** added to the real clock by `PUT /_test/clock` (ms) */
  clockOffset = 0;

  constructor(readonly dir: string, readonly baseSettings: Readonly<Settings> = defaultSettings, readonly basePermissions: Readonly<Record<string, string[]>> = {}) {
    this.settings = { ...baseSettings };
    mkdirSync(dir, { recursive: true });
    for (const user of [seed.user, seed.otherUser]) this.users.set(user.id, { _id: user.id, username: user.username, name: user.username, token: user.token, permissions: new Set() });
    this.resetPermissions();
    this.addRoom({ _id: seed.room, t: 'c', members: new Set([seed.user.id, seed.otherUser.id]) });
    this.addRoom({ _id: seed.privateRoom, t: 'p', members: new Set([seed.otherUser.id]) });
    this.addRoom({ _id: seed.visitor.room, t: 'l', members: new Set(), visitorToken: seed.visitor.token, open: true });
    this.addRoom({ _id: seed.otherVisitor.room, t: 'l', members: new Set(), visitorToken: seed.otherVisitor.token, open: true });
    this.addRoom({ _id: seed.closedLivechatRoom, t: 'l', members: new Set(), visitorToken: seed.visitor.token, open: false });
    this.singleTokens.set(seed.single.token, seed.user.id);
    this.singleTokens.set(seed.single.ghostToken, 'no-such-user');
  }

  /** Every user back to the permissions the server started with. */
  resetPermissions(): void {
    for (const user of this.users.values()) user.permissions = new Set(this.basePermissions[user.username] ?? []);
  }

  /** The server's clock (ms), which tests may move forward. */
  now(): number {
    return Date.now() + this.clockOffset;
  }

  addRoom(room: Room): Room {
    this.rooms.set(room._id, room);
    return room;
  }

  /** The user whose `X-User-Id` and `X-Auth-Token` these are. */
  userBy(id: string | undefined, token: string | undefined): User | undefined {
    const user = id ? this.users.get(id) : undefined;
    return user && token && user.token === token ? user : undefined;
  }

  userByName(username: string): User | undefined {
    return [...this.users.values()].find((user) => user.username === username);
  }

  /** Rocket.Chat's canAccessRoom: public channels are open to every user; other rooms to members. */
  canAccess(room: Room | undefined, userId: string): room is Room {
    if (!room || room.t === 'l') return false;
    return room.t === 'c' || room.members.has(userId);
  }

  count(rid: string, route: Route): void {
    const counts = this.counts.get(rid) ?? {};
    counts[route] = (counts[route] ?? 0) + 1;
    this.counts.set(rid, counts);
  }

  /** Moves a received file into storage under a new file ID; rooms uploads stay temporary until confirmed. */
  keep(received: Pick<ReceivedFile, 'path' | 'name' | 'type' | 'size'>, rid: string, owner: { userId?: string; visitorToken?: string; temporary?: boolean; encrypted?: boolean; open?: boolean } = {}): StoredFile {
    this.expire();
    const _id = newId();
    const path = join(this.dir, _id);
    renameSync(received.path, path);
    const file: StoredFile = {
      _id, name: received.name, type: received.type, size: received.size, path, rid, userId: owner.userId, visitorToken: owner.visitorToken,
      encrypted: owner.encrypted, open: owner.open, confirmed: !owner.temporary, expiresAt: owner.temporary ? this.now() + uploadLifetime : undefined,
    };
    this.files.set(_id, file);
    return file;
  }

  /** Stores bytes made by the server (a thumbnail) as a confirmed file. */
  keepBytes(bytes: Buffer, name: string, type: string, rid: string, userId?: string): StoredFile {
    const _id = newId();
    const path = join(this.dir, _id);
    writeFileSync(path, bytes);
    const file: StoredFile = { _id, name, type, size: bytes.length, path, rid, userId, confirmed: true };
    this.files.set(_id, file);
    return file;
  }

  /** Drops unconfirmed uploads whose time is up, as Rocket.Chat's temporary-upload cleanup does. */
  expire(): void {
    const now = this.now();
    for (const file of this.files.values()) {
      if (!file.confirmed && file.expiresAt !== undefined && file.expiresAt <= now) {
        this.files.delete(file._id);
        rmSync(file.path, { force: true });
      }
    }
  }

  /** Deletes received files that are not kept. */
  discard(files: Pick<ReceivedFile, 'path'>[]): void {
    for (const file of files) rmSync(file.path, { force: true });
  }

  record<T>(map: Map<string, T[]>, rid: string, entry: T): void {
    map.set(rid, [...(map.get(rid) ?? []), entry]);
  }

  post(message: Message): Message {
    this.record(this.messages, message.rid, message);
    return message;
  }

  state(rid: string) {
    return {
      counts: this.counts.get(rid) ?? {},
      uploads: this.uploads.get(rid) ?? [],
      confirms: this.confirms.get(rid) ?? [],
      // A livechat message carries its visitor's token, as Rocket.Chat's does: masked here too.
      messages: (this.messages.get(rid) ?? []).map((m) => (typeof m.token === 'string' ? { ...m, token: maskSecret(m.token) } : m)),
    };
  }
}

/** The path a stored file is served under (relative, as Rocket.Chat answers it: R1; `encodeURI`). */
export function fileUrl(file: Pick<StoredFile, '_id' | 'name'>): string {
  return `/file-upload/${file._id}/${encodeURI(file.name)}`;
}
