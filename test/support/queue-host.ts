/** A QueueHost for driving the framework-free core without the element. */
import { loadEngine, UploadQueue, type QueueHost } from '../../src/core/queue.js';
import type { Binding, ConfirmFields, Credentials, Flow, Restrictions, UploadEvents } from '../../src/core/types.js';
import { en } from '../../src/i18n/en.js';
import { rejectWords } from '../../src/element/words.js';
import { errorWords } from '../../src/element/error-words.js';
import { serverUrl } from './server.js';

/** What the element would hold in its attributes: where to send, and the credentials. */
export type TestContext = Partial<Omit<Binding, 'confirmFields'> & Credentials>;

export interface TestHostOptions {
  flow?: Flow;
  /** read at every use: change it to change the attributes */
  context: TestContext;
  confirmFields?: ConfirmFields;
  restrictions?: Restrictions;
  concurrency?: number;
  /** one-step flows in list order (default true) */
  ordered?: boolean;
  autoUpload?: boolean;
  stallTimeout?: number;
  /** automatic retries (default 0 here, so each test states what it wants) */
  retries?: number;
  retryDelay?: number;
  /** makes a photo ready to send, as the element's media code does */
  prepare?: QueueHost['prepare'];
  /** return false from a listener to cancel (upload-before) */
  on?: Partial<{ [K in keyof UploadEvents]: (detail: UploadEvents[K]) => boolean | void }>;
}

// The sending half loads by itself on first use; loaded here first, every call runs as it does
// in the element once the download is done.
await loadEngine();

export function testQueue(options: TestHostOptions) {
  const events: { name: keyof UploadEvents; detail: any }[] = [];
  let messagePosted = 0;
  const context = () => ({ serverUrl, roomId: '', uploadUrl: '/api/upload_file', headers: {}, ...options.context });
  const host: QueueHost = {
    binding: () => {
      const { serverUrl: server, roomId, threadId, uploadUrl } = context();
      return { flow: options.flow ?? 'rooms', serverUrl: server, roomId, threadId, uploadUrl, confirmFields: options.confirmFields ?? {} };
    },
    credentials: (server) => {
      const now = context();
      return server === now.serverUrl ? { userId: now.userId, authToken: now.authToken, visitorToken: now.visitorToken, headers: { ...now.headers } } : { headers: {} };
    },
    restrictions: () => options.restrictions ?? {},
    concurrency: () => options.concurrency ?? 3,
    ordered: () => options.ordered ?? true,
    autoUpload: () => options.autoUpload ?? false,
    stallTimeout: () => options.stallTimeout ?? 30_000,
    retries: () => options.retries ?? 0,
    retryDelay: () => options.retryDelay ?? 50,
    words: (error) => errorWords(error, en),
    prepare: (item, signal) => options.prepare?.(item, signal),
    rejectMessage: (file, reason, rules) => rejectWords(file, reason, rules, en),
    changed: () => {},
    emit(name, detail) {
      events.push({ name, detail });
      const listener = options.on?.[name] as ((d: unknown) => boolean | void) | undefined;
      return listener?.(detail) !== false;
    },
    messagePosted: () => void messagePosted++,
  };
  const queue = new UploadQueue(host);
  return { queue, events, named: (name: keyof UploadEvents) => events.filter((e) => e.name === name).map((e) => e.detail), posted: () => messagePosted };
}
