/** One transport per flow: the word is the attribute value, the file and the server route. */
import type { Flow, Transport } from '../types.js';
import { livechat } from './livechat.js';
import { rooms } from './rooms.js';
import { single } from './single.js';

export const transports: Record<Flow, Transport> = { rooms, livechat, single };
