import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

/**
 * The script-tag bundle's gzip budget (`npm test` builds before it runs). A ratchet: it only
 * ever comes down, to the 12.5 KiB of the size issue.
 */
const budget = 20_800;

const bundle = 'dist/chat-file-upload.js';

describe('the script-tag bundle', () => {
  it(`stays within its gzip budget of ${budget} bytes`, () => {
    expect(existsSync(bundle), 'run npm run build first').toBe(true);
    const size = gzipSync(readFileSync(bundle), { level: 9 }).length;
    console.log(`dist/chat-file-upload.js: ${size} bytes gzip (budget ${budget})`);
    expect(size).toBeLessThanOrEqual(budget);
  });

  it('loads the floating-panel code (@floating-ui/dom) as a separate chunk, only by dynamic import', () => {
    const chunk = readdirSync('dist').find((name) => name.startsWith('floating-ui') && name.endsWith('.js'));
    expect(chunk).toBeDefined();
    const main = readFileSync(bundle, 'utf8');
    expect(main.includes(`import("./${chunk}")`) || main.includes(`import(\`./${chunk}\`)`), 'a dynamic import of the chunk').toBe(true);
    expect(/getClippingRect|getOverflowAncestors/.test(main), 'floating-ui code in the main bundle').toBe(false);
    expect(readFileSync(`dist/${chunk}`, 'utf8')).toMatch(/computePosition|getOverflowAncestors|autoUpdate/);
  });
});
