/** What the reference server keeps: rooms, uploaded files (on disk), messages and counters. */
import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ReceivedFile } from './http.ts';
import { seed } from './seed.ts';
import { defaultSettings, type Settings } from './settings.ts';

export type Route = 'rooms.media' | 'rooms.mediaConfirm' | 'livechat.upload' | 'upload_file' | 'settings.public' | 'livechat.config';

export interface Room {
  _id: string;
  /** `c` chat room, `l` livechat */
  t: 'c' | 'l';
  members: Set<string>;
  /** livechat: the visitor's token, and whether the room is open */
  visitorToken?: string;
  open?: boolean;
}

export interface StoredFile {
  _id: string;
  name: string;
  type: string;
  size: number;
  path: string;
  rid: string;
  userId?: string;
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

export class Store {
  settings: Settings = { ...defaultSettings };
  readonly rooms = new Map<string, Room>();
  readonly files = new Map<string, StoredFile>();
  readonly users = new Map<string, { _id: string; username: string; token: string }>();
  /** single flow: token → user ID (the ghost token's user does not exist: S7) */
  readonly singleTokens = new Map<string, string>();
  readonly messages = new Map<string, Message[]>();
  readonly uploads = new Map<string, UploadRecord[]>();
  readonly confirms = new Map<string, ConfirmRecord[]>();
  readonly counts = new Map<string, Partial<Record<Route, number>>>();

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    for (const user of [seed.user, seed.otherUser]) this.users.set(user.id, { _id: user.id, username: user.username, token: user.token });
    this.addRoom({ _id: seed.room, t: 'c', members: new Set([seed.user.id, seed.otherUser.id]) });
    this.addRoom({ _id: seed.privateRoom, t: 'c', members: new Set([seed.otherUser.id]) });
    this.addRoom({ _id: seed.visitor.room, t: 'l', members: new Set(), visitorToken: seed.visitor.token, open: true });
    this.addRoom({ _id: seed.otherVisitor.room, t: 'l', members: new Set(), visitorToken: seed.otherVisitor.token, open: true });
    this.addRoom({ _id: seed.closedLivechatRoom, t: 'l', members: new Set(), visitorToken: seed.visitor.token, open: false });
    this.singleTokens.set(seed.single.token, seed.user.id);
    this.singleTokens.set(seed.single.ghostToken, 'no-such-user');
  }

  addRoom(room: Room): Room {
    this.rooms.set(room._id, room);
    return room;
  }

  /** The user whose `X-User-Id` and `X-Auth-Token` these are. */
  userBy(id: string | undefined, token: string | undefined) {
    const user = id ? this.users.get(id) : undefined;
    return user && token && user.token === token ? user : undefined;
  }

  userByName(username: string) {
    return [...this.users.values()].find((user) => user.username === username);
  }

  count(rid: string, route: Route): void {
    const counts = this.counts.get(rid) ?? {};
    counts[route] = (counts[route] ?? 0) + 1;
    this.counts.set(rid, counts);
  }

  /** Moves a received file into storage under a new file ID. */
  keep(received: ReceivedFile, rid: string, userId?: string): StoredFile {
    const _id = newId();
    const path = join(this.dir, _id);
    renameSync(received.path, path);
    const file: StoredFile = { _id, name: received.name, type: received.type, size: received.size, path, rid, userId };
    this.files.set(_id, file);
    return file;
  }

  /** Deletes received files that are not kept. */
  discard(files: ReceivedFile[]): void {
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
      messages: this.messages.get(rid) ?? [],
    };
  }
}

/** The path a stored file is served under (relative, as Rocket.Chat answers it: R1). */
export function fileUrl(file: Pick<StoredFile, '_id' | 'name'>): string {
  return `/file-upload/${file._id}/${encodeURIComponent(file.name)}`;
}
