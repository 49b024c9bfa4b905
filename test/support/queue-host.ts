/** A QueueHost for driving the framework-free core without the element. */
import { registerEngine, UploadQueue, type QueueHost } from '../../src/core/queue.js';
import { transports } from '../../src/core/transports/index.js';
import { engine } from '../../src/core/engine.js';
import type { ConfirmFields, Flow, FlowContext, Restrictions, UploadEvents } from '../../src/core/types.js';
import { en } from '../../src/i18n/en.js';
import { serverUrl } from './server.js';

export interface TestHostOptions {
  flow?: Flow;
  context: Partial<Omit<FlowContext, 'signal'>>;
  confirmFields?: ConfirmFields;
  restrictions?: Restrictions;
  concurrency?: number;
  autoUpload?: boolean;
  stallTimeout?: number;
  /** automatic retries (default 0 here, so each test states what it wants) */
  retries?: number;
  retryDelay?: number;
  /** return false from a listener to cancel (upload-before) */
  on?: Partial<{ [K in keyof UploadEvents]: (detail: UploadEvents[K]) => boolean | void }>;
}

// The sending half loads by itself on first use; known here at once, every call runs as it does
// in the element once the download is done.
registerEngine(engine);

export function testQueue(options: TestHostOptions) {
  const events: { name: keyof UploadEvents; detail: any }[] = [];
  let messagePosted = 0;
  const host: QueueHost = {
    transport: () => transports[options.flow ?? 'rooms'],
    context: () => ({ serverUrl, roomId: '', uploadUrl: '/api/upload_file', headers: {}, ...options.context }),
    confirmFields: () => options.confirmFields ?? {},
    restrictions: () => options.restrictions ?? {},
    concurrency: () => options.concurrency ?? 3,
    autoUpload: () => options.autoUpload ?? false,
    stallTimeout: () => options.stallTimeout ?? 30_000,
    retries: () => options.retries ?? 0,
    retryDelay: () => options.retryDelay ?? 50,
    strings: () => en,
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
