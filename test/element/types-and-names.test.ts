/**
 * Types the way Rocket.Chat sees them, and a file posted under a new name (issue 13, points 5
 * and 7), in Chromium against the reference server. The first test runs before anything in this
 * file has loaded the type table: it shows that nothing is refused or lost while it loads.
 */
import { afterEach, describe as group, expect, it } from 'vitest';
import { mount, part, rows, visibleText } from '../support/element.js';
import { resolveType } from '../../src/core/mime.js';
import type { ChatFileUpload } from '../../src/index.js';
import { fault, freshRoom, makeFile, resetServer, setSettings, state, until } from '../support/server.js';

const docx = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const statusOf = (el: ChatFileUpload, index = 0) => el.items[index]?.status;
const errors = (el: ChatFileUpload) => rows(el).map((row) => part(row, 'error')?.textContent).filter(Boolean);

group('types are checked as Rocket.Chat sees them (issue 13, point 5)', () => {
  afterEach(resetServer);

  it('a .md file with no type, added and sent while the type table is still loading, is neither refused nor lost: accept="text/markdown" takes it and it arrives', async () => {
    const rid = await freshRoom();
    const file = makeFile('notes.md', 40, '');
    expect(resolveType(file), 'the table is not loaded yet').toBeInstanceOf(Promise);
    const el = await mount({ 'room-id': rid, accept: 'text/markdown' });
    const result = el.addFiles([file]);
    expect(result.rejected).toEqual([]);
    expect(result.accepted.map((item) => item.name)).toEqual(['notes.md']);
    const items = await el.send();
    await el.updateComplete;
    expect(items.map((item) => item.status)).toEqual(['done']);
    const s = await state(rid);
    expect(s.uploads.map((upload) => [upload.name, upload.type])).toEqual([['notes.md', 'text/markdown']]);
    expect(s.messages.map((m) => m.file?.name)).toEqual(['notes.md']);
    expect(errors(el)).toEqual([]);
  });

  it('.md, .log and .7z files the browser gives no type are accepted with a black list set, and all arrive', async () => {
    const rid = await freshRoom();
    await setSettings({ FileUpload_MediaTypeBlackList: 'image/svg+xml,application/x-msdownload' });
    const el = await mount({ 'room-id': rid, 'max-file-size': 1e9 });
    const files = [makeFile('readme.md', 20, ''), makeFile('server.log', 30, ''), makeFile('backup.7z', 40, '')];
    expect(el.addFiles(files).rejected).toEqual([]);
    const items = await el.send();
    await el.updateComplete;
    expect(items.map((item) => item.status)).toEqual(['done', 'done', 'done']);
    expect(visibleText(el)).not.toContain('cannot be sent here');
    const s = await state(rid);
    // The bytes go up side by side: by name.
    expect(s.uploads.map((upload) => [upload.name, upload.type]).sort()).toEqual([['backup.7z', 'application/x-7z-compressed'], ['readme.md', 'text/markdown'], ['server.log', 'text/plain']]);
    expect(s.messages.map((m) => m.file?.name)).toEqual(['readme.md', 'server.log', 'backup.7z']);
  });

  it('a .docx sent as octet-stream is refused by a white list of images, on screen, before any byte goes', async () => {
    const rid = await freshRoom();
    await setSettings({ FileUpload_MediaTypeWhiteList: 'image/*' });
    const el = await mount({ 'room-id': rid, 'max-file-size': 1e9 });
    el.addFiles([makeFile('report.docx', 50, 'application/octet-stream')]);
    const items = await el.send();
    await el.updateComplete;
    expect(items).toEqual([]);
    await until(() => visibleText(el).includes('report.docx is a type of file that cannot be sent here.'), 5000, 'the refusal');
    expect(rows(el)).toHaveLength(0);
    expect((await state(rid)).counts['rooms.media'] ?? 0).toBe(0);
  });

  it('a .docx sent as octet-stream is accepted by a white list of the Office type, and arrives', async () => {
    const rid = await freshRoom();
    await setSettings({ FileUpload_MediaTypeWhiteList: `image/*,${docx}` });
    const el = await mount({ 'room-id': rid, 'max-file-size': 1e9 });
    el.addFiles([makeFile('report.docx', 50, 'application/octet-stream')]);
    const items = await el.send();
    await el.updateComplete;
    expect(items.map((item) => item.status)).toEqual(['done']);
    expect(visibleText(el)).not.toContain('cannot be sent here');
    const s = await state(rid);
    expect(s.uploads.map((upload) => upload.type)).toEqual([docx]);
    expect(s.messages.map((m) => m.file?.name)).toEqual(['report.docx']);
  });

  it('accept by type goes by the mapped type: accept="text/plain" takes a .log with no type and refuses a .7z with no type, on screen', async () => {
    const rid = await freshRoom();
    const el = await mount({ 'room-id': rid, 'max-file-size': 1e9, accept: 'text/plain' });
    el.addFiles([makeFile('app.log', 10, ''), makeFile('stuff.7z', 10, '')]);
    await until(() => visibleText(el).includes('stuff.7z is a type of file that cannot be sent here.'), 5000, 'the refusal');
    expect(rows(el).map((row) => part(row, 'name')!.textContent)).toEqual(['app.log']);
    const items = await el.send();
    expect(items.map((item) => [item.name, item.status])).toEqual([['app.log', 'done']]);
    expect((await state(rid)).messages.map((m) => m.file?.name)).toEqual(['app.log']);
  });

  it('accept=".txt" takes a .txt file with no type and refuses a .md with no type', async () => {
    const rid = await freshRoom();
    const el = await mount({ 'room-id': rid, 'max-file-size': 1e9, accept: '.txt' });
    const result = el.addFiles([makeFile('plain.txt', 10, ''), makeFile('other.md', 10, '')]);
    expect(result.rejected.map((r) => r.file.name)).toEqual(['other.md']);
    await el.updateComplete;
    expect(visibleText(el)).toContain('other.md is a type of file that cannot be sent here.');
    expect((await el.send()).map((item) => item.status)).toEqual(['done']);
    expect((await state(rid)).messages.map((m) => m.file?.name)).toEqual(['plain.txt']);
  });

  it('with auto-upload, a file whose type the white list refuses leaves the list before any byte goes', async () => {
    const rid = await freshRoom();
    await setSettings({ FileUpload_MediaTypeWhiteList: 'image/*' });
    const el = await mount({ 'room-id': rid, 'max-file-size': 1e9, 'auto-upload': true });
    // The server's lists first, so that the type is the only thing left to learn.
    await until(async () => {
      el.addFiles([makeFile('probe.pdf', 5, 'application/pdf')]);
      await el.updateComplete;
      return visibleText(el).includes('probe.pdf is a type of file');
    }, 5000, 'the server lists');
    el.addFiles([makeFile('late.docx', 50, 'application/octet-stream')]);
    await until(() => visibleText(el).includes('late.docx is a type of file that cannot be sent here.'), 5000, 'the refusal');
    expect(el.items.map((item) => item.name)).not.toContain('late.docx');
    expect((await state(rid)).uploads.map((upload) => upload.name)).not.toContain('late.docx');
  });
});

group('a file is posted under the name it is given (issue 13, point 7)', () => {
  afterEach(resetServer);

  it('renamed before its bytes go, a file is sent under the new name and confirmed without fileName', async () => {
    const rid = await freshRoom();
    const el = await mount({ 'room-id': rid });
    const [item] = el.addFiles([makeFile('IMG_0001.pdf', 30, 'application/pdf')]).accepted;
    expect(el.rename(item.id, 'Invoice March.pdf')).toBe(true);
    await el.updateComplete;
    expect(part(rows(el)[0], 'name')!.textContent).toBe('Invoice March.pdf');
    await el.send();
    const s = await state(rid);
    expect(s.uploads.map((upload) => upload.name)).toEqual(['Invoice March.pdf']);
    expect(s.confirms.map((confirm) => confirm.body.fileName)).toEqual([undefined]);
    expect(s.messages.map((m) => [m.file?.name, m.attachments?.[0]?.title])).toEqual([['Invoice March.pdf', 'Invoice March.pdf']]);
  });

  it('a rooms file renamed after its bytes are up is confirmed with fileName: one confirm, one message under the new name', async () => {
    const rid = await freshRoom();
    const el = await mount({ 'room-id': rid, 'auto-upload': true });
    const [item] = el.addFiles([makeFile('draft.txt', 30, 'text/plain')]).accepted;
    await until(() => statusOf(el) === 'uploaded', 5000, 'the bytes');
    expect(el.rename(item.id, 'final.txt')).toBe(true);
    await el.send();
    const s = await state(rid);
    expect(s.uploads.map((upload) => upload.name)).toEqual(['draft.txt']);
    expect(s.confirms.map((confirm) => [confirm.status, confirm.body.fileName])).toEqual([[200, 'final.txt']]);
    expect(s.messages).toHaveLength(1);
    expect([s.messages[0].file?.name, s.messages[0].attachments?.[0]?.title]).toEqual(['final.txt', 'final.txt']);
  });

  it('a rooms file renamed after its confirm failed is confirmed with fileName on retry', async () => {
    const rid = await freshRoom();
    const el = await mount({ 'room-id': rid, retries: 0 });
    await fault('rooms.mediaConfirm', rid, { kind: 'status', status: 500, body: JSON.stringify({ success: false, error: 'Internal error' }), contentType: 'application/json' });
    const [item] = el.addFiles([makeFile('scan.pdf', 30, 'application/pdf')]).accepted;
    await el.send();
    expect(statusOf(el)).toBe('error');
    expect(el.rename(item.id, 'contract.pdf')).toBe(true);
    await el.retry(item.id);
    const s = await state(rid);
    expect(s.confirms.at(-1)?.body.fileName).toBe('contract.pdf');
    expect(s.messages.map((m) => [m.file?.name, m.attachments?.[0]?.title])).toEqual([['contract.pdf', 'contract.pdf']]);
  });

  it('an older server that answers "Unknown key in field fileName" is confirmed once more without it: one message, no error shown', async () => {
    const rid = await freshRoom();
    const el = await mount({ 'room-id': rid, 'auto-upload': true, retries: 0 });
    await fault('rooms.mediaConfirm', rid, { kind: 'status', status: 400, body: JSON.stringify({ success: false, error: 'Match error: Unknown key in field fileName' }), contentType: 'application/json' });
    const [item] = el.addFiles([makeFile('old-name.txt', 30, 'text/plain')]).accepted;
    await until(() => statusOf(el) === 'uploaded', 5000, 'the bytes');
    el.rename(item.id, 'new-name.txt');
    const items = await el.send();
    await el.updateComplete;
    expect(items.map((i) => i.status)).toEqual(['done']);
    expect(errors(el)).toEqual([]);
    const s = await state(rid);
    expect(s.counts['rooms.mediaConfirm']).toBe(2);
    // The one that reached the server's handler went without fileName (the first got the fault).
    expect(s.confirms.map((confirm) => confirm.body.fileName)).not.toContain('new-name.txt');
    expect(s.messages).toHaveLength(1);
    expect(s.messages[0].file?.name).toBe('old-name.txt');
  });

  it('any other 400 on a renamed confirm is not sent again: the error is shown and nothing is posted', async () => {
    const rid = await freshRoom();
    const el = await mount({ 'room-id': rid, 'auto-upload': true, retries: 0 });
    await fault('rooms.mediaConfirm', rid, { kind: 'status', status: 400, body: JSON.stringify({ success: false, error: 'Match error: Unknown key in field colour' }), contentType: 'application/json' });
    const [item] = el.addFiles([makeFile('keep.txt', 30, 'text/plain')]).accepted;
    await until(() => statusOf(el) === 'uploaded', 5000, 'the bytes');
    el.rename(item.id, 'kept.txt');
    await el.send();
    await el.updateComplete;
    expect(statusOf(el)).toBe('error');
    expect(errors(el)).toHaveLength(1);
    const s = await state(rid);
    expect(s.counts['rooms.mediaConfirm']).toBe(1);
    expect(s.messages).toHaveLength(0);
  });

  it('a new name is cleaned: no path, no control or bidirectional characters, the file\'s extension kept; an empty one changes nothing', async () => {
    const rid = await freshRoom();
    const el = await mount({ 'room-id': rid });
    const [a, b, c] = el.addFiles([makeFile('a.pdf', 10, 'application/pdf'), makeFile('b.pdf', 11, 'application/pdf'), makeFile('c.txt', 12, 'text/plain')]).accepted;
    expect(el.rename(a.id, '../../etc/Report\u0000 2026\u202E.pdf')).toBe(true);
    expect(el.rename(b.id, 'tool.exe')).toBe(true);
    expect(el.rename(c.id, '  \u0007 ')).toBe(false);
    expect(el.rename(c.id, 'folder/')).toBe(false);
    expect(el.rename('no-such-id', 'x.txt')).toBe(false);
    expect(el.items.map((item) => item.name)).toEqual(['Report 2026.pdf', 'tool.exe.pdf', 'c.txt']);
    await el.send();
    const s = await state(rid);
    // The bytes go up side by side: by name.
    expect(s.uploads.map((upload) => upload.name).sort()).toEqual(['Report 2026.pdf', 'c.txt', 'tool.exe.pdf']);
    expect(s.messages.map((m) => m.file?.name)).toEqual(['Report 2026.pdf', 'tool.exe.pdf', 'c.txt']);
    // A posted file keeps the name it was posted under.
    expect(el.rename(a.id, 'later.pdf')).toBe(false);
    expect(el.items[0].name).toBe('Report 2026.pdf');
  });
});
