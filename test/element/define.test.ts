import { describe, expect, it } from 'vitest';
import { ChatFileUpload, defineChatFileUpload } from '../../src/index.js';

describe('defining the element', () => {
  it('importing twice or defining again never throws; the first definition stays', async () => {
    expect(() => defineChatFileUpload()).not.toThrow();
    await import('../../src/index.js');
    expect(customElements.get('chat-file-upload')).toBe(ChatFileUpload);
    defineChatFileUpload('my-uploader');
    expect(document.createElement('my-uploader')).toBeInstanceOf(ChatFileUpload);
  });
});
