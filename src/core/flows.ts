/**
 * What each flow offers, known without loading its transport: the element renders with it
 * before the sending code (engine.ts) has arrived.
 */
import type { Flow } from './types.js';

export interface FlowFeatures {
  /** a description per file */
  readonly description: boolean;
  /** a thread ID (`tmid`) */
  readonly thread: boolean;
  /** a message text posted with the first file */
  readonly message: boolean;
}

export const flowFeatures: Record<Flow, FlowFeatures> = {
  rooms: { description: true, thread: true, message: true },
  livechat: { description: true, thread: false, message: false },
  single: { description: false, thread: false, message: false },
};

/** single: the server refuses larger files (servers.md S5), so the element does before sending. */
export const singleMaxFileSize = 24 * 1024 * 1024;
