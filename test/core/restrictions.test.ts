import { describe, expect, it } from 'vitest';
import { allowedByServer, checkFile, matchesAccept, splitList } from '../../src/core/restrictions.js';

const file = (name: string, size = 10, type = '') => new File([new Uint8Array(size)], name, { type });

describe('client-side checks', () => {
  it('accept matches MIME types, wildcards and extensions, case-insensitively', () => {
    expect(matchesAccept(file('a.PNG', 1, 'image/png'), 'image/*')).toBe(true);
    expect(matchesAccept(file('a.png', 1, 'image/png'), '.pdf, .PNG')).toBe(true);
    expect(matchesAccept(file('a.pdf', 1, 'application/pdf'), 'image/*,.txt')).toBe(false);
    expect(matchesAccept(file('a.pdf', 1, 'application/pdf'), '')).toBe(true);
  });

  it('server lists: black list first, white list empty = all; an empty type is never refused by a black list alone', () => {
    const rules = { blockedTypes: splitList(' image/svg+xml , video/* '), allowedTypes: [] };
    expect(allowedByServer('image/svg+xml', rules)).toBe(false);
    expect(allowedByServer('video/mp4', rules)).toBe(false);
    expect(allowedByServer('', rules)).toBe(true);
    expect(allowedByServer('', { blockedTypes: ['image/svg+xml'], allowedTypes: ['image/*'] })).toBe(false);
    expect(allowedByServer('image/png', rules)).toBe(true);
    expect(allowedByServer('', { blockedTypes: [] })).toBe(true);
    expect(allowedByServer('text/plain', { allowedTypes: ['image/*'] })).toBe(false);
  });

  it('reasons: disabled, too many, empty, too large (a file of exactly the limit passes), type', () => {
    expect(checkFile(file('a.txt'), { uploadsDisabled: true }, 0)).toBe('disabled');
    expect(checkFile(file('a.txt'), { maxFiles: 2 }, 2)).toBe('too-many');
    expect(checkFile(file('a.txt', 0), {}, 0)).toBe('empty');
    expect(checkFile(file('a.txt', 11), { maxFileSize: 10 }, 0)).toBe('too-large');
    expect(checkFile(file('a.txt', 10), { maxFileSize: 10 }, 0)).toBeUndefined();
    expect(checkFile(file('a.txt', 10, 'text/plain'), { accept: 'image/*' }, 0)).toBe('invalid-type');
    expect(checkFile(file('a.svg', 10, 'image/svg+xml'), { blockedTypes: ['image/svg+xml'] }, 0)).toBe('invalid-type');
    expect(checkFile(file('a.txt', 10), { maxFileSize: -1 }, 0)).toBeUndefined();
  });

  it('a typeless file passes the default black list (image/svg+xml) and is refused by a white list', () => {
    expect(checkFile(file('diagram.drawio', 10), { blockedTypes: ['image/svg+xml'] }, 0)).toBeUndefined();
    expect(checkFile(file('diagram.drawio', 10), { blockedTypes: ['image/svg+xml'], allowedTypes: ['image/*'] }, 0)).toBe('invalid-type');
  });

  it('a type still being resolved (null) skips only the type checks', () => {
    const svg = file('a.svg', 10, 'image/svg+xml');
    expect(checkFile(svg, { blockedTypes: ['image/svg+xml'], accept: 'image/png' }, 0, null)).toBeUndefined();
    expect(checkFile(svg, { blockedTypes: ['image/svg+xml'], maxFileSize: 5 }, 0, null)).toBe('too-large');
    expect(checkFile(file('a.svg', 0), {}, 0, null)).toBe('empty');
  });

  it('the type passed to checkFile is checked instead of the declared one', () => {
    expect(checkFile(file('a.svg', 10, ''), { blockedTypes: ['image/svg+xml'] }, 0, 'image/svg+xml')).toBe('invalid-type');
    expect(checkFile(file('a.docx', 10, 'application/octet-stream'), { accept: 'application/msword' }, 0, 'application/msword')).toBeUndefined();
  });
});
