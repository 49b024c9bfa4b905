/** The English words of a recording under way: they load with the recorder (`record="audio"`). */
import type { RecorderWords } from './en.js';

export const enRecorder: RecorderWords = {
  recording: (time) => `Recording… ${time}`,
  stop: 'Stop',
  discard: 'Discard',
  microphoneDenied: 'The microphone is blocked: allow it in the browser\'s site settings to record.',
  microphoneMissing: 'No microphone was found.',
  recordUnsupported: 'This browser cannot record sound.',
};
