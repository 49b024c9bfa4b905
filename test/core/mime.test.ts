import { describe, expect, it } from 'vitest';
import { loadTypeTable, resolveType } from '../../src/core/mime.js';
import { checkFile } from '../../src/core/restrictions.js';

const docx = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const file = (name: string, type = '') => new File([new Uint8Array(10)], name, { type });
const tableFetched = () => performance.getEntriesByType('resource').some((entry) => entry.name.includes('mime-table'));

// The order matters: the first test runs before anything in this page has loaded the table.
describe('types the way Rocket.Chat sees them', () => {
  it('a file declared as a plain known type resolves at once, and the type table is not fetched', () => {
    expect(resolveType(file('photo.png', 'image/png'))).toBe('image/png');
    expect(resolveType(file('scan.PDF', 'application/pdf'))).toBe('application/pdf');
    expect(resolveType(file('notes.txt', 'text/plain'))).toBe('text/plain');
    expect(tableFetched()).toBe(false);
  });

  it('a .docx sent as octet-stream waits for the table once, then resolves at once to the Office type', async () => {
    const pending = resolveType(file('report.docx', 'application/octet-stream'));
    expect(pending).toBeInstanceOf(Promise);
    await expect(pending).resolves.toBe(docx);
    expect(tableFetched()).toBe(true);
    expect(resolveType(file('other.docx', 'application/octet-stream'))).toBe(docx);
  });

  it('files the browser gives no type get the type Rocket.Chat maps from the name', async () => {
    await loadTypeTable();
    const types = Object.fromEntries(['README.md', 'server.log', 'backup.7z', 'diagram.drawio', 'IMG_0001.HEIC', 'files.lst', 'Makefile']
      .map((name) => [name, resolveType(file(name))]));
    expect(types).toEqual({
      'README.md': 'text/markdown',
      'server.log': 'text/plain',
      'backup.7z': 'application/x-7z-compressed',
      'diagram.drawio': 'application/octet-stream', // mime-db has no entry: Rocket.Chat stores it as octet-stream
      'IMG_0001.HEIC': 'image/heic',
      'files.lst': 'text/plain', // one of Rocket.Chat's own extras
      Makefile: 'application/octet-stream',
    });
  });

  it('an unknown declared type is taken from the name; a known type that disagrees with the name is kept', async () => {
    await loadTypeTable();
    expect(resolveType(file('a.txt', 'application/x-whatever'))).toBe('text/plain');
    expect(resolveType(file('a.zzz', 'application/x-whatever'))).toBe('application/octet-stream');
    expect(resolveType(file('photo.jpg', 'image/heic'))).toBe('image/heic');
    expect(resolveType(file('sound.wav', 'audio/x-wav'))).toBe('audio/wav');
    expect(resolveType(file('favicon.ico', ''))).toBe('image/x-icon');
  });

  it('every type taken without the table maps to itself through the table, whatever the name', async () => {
    const table = await loadTypeTable();
    expect(table).toBeDefined();
    for (const type of ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf', 'text/plain', 'video/mp4']) {
      const extension = table!.extensionOfType(type);
      expect(extension, type).toBeTruthy();
      expect(table!.typeOfName(`x.${extension}`), type).toBe(type);
      for (const name of [`x.${extension}`, 'x.bin', 'x', 'x.docx']) expect(table!.serverType(type, name), `${type} ${name}`).toBe(type);
    }
  });

  it('checks the lists against the resolved type: a .docx sent as octet-stream passes a white list of the Office type', async () => {
    const report = file('report.docx', 'application/octet-stream');
    const rules = { allowedTypes: [docx] };
    expect(checkFile(report, rules, 0)).toBe('invalid-type');
    expect(checkFile(report, rules, 0, await resolveType(report))).toBeUndefined();
  });

  it('a .txt declared with an unknown type is refused by a black list of text/plain, as on the server', async () => {
    const notes = file('notes.txt', 'application/x-whatever');
    expect(checkFile(notes, { blockedTypes: ['text/plain'] }, 0, await resolveType(notes))).toBe('invalid-type');
  });

  it('accept matches the resolved type: a typeless .md passes accept="text/*"', async () => {
    const readme = file('README.md');
    expect(checkFile(readme, { accept: 'text/*' }, 0)).toBe('invalid-type');
    expect(checkFile(readme, { accept: 'text/*' }, 0, await resolveType(readme))).toBeUndefined();
    expect(checkFile(readme, { accept: '.md' }, 0, await resolveType(readme))).toBeUndefined();
  });

  it('the files of the issue pass the default black list (image/svg+xml) once resolved, and an SVG is still refused', async () => {
    const rules = { blockedTypes: ['image/svg+xml'], allowedTypes: [] };
    for (const name of ['README.md', 'server.log', 'backup.7z', 'diagram.drawio', 'IMG_0001.heic']) {
      const typeless = file(name);
      expect(checkFile(typeless, rules, 0, await resolveType(typeless)), name).toBeUndefined();
    }
    const logo = file('logo.svg');
    expect(checkFile(logo, rules, 0, await resolveType(logo))).toBe('invalid-type');
  });
});
