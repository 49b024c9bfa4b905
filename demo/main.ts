/**
 * The demo page: a room with its message list and the element pre-set to a demo identity of the
 * reference server, a switch between the three flows, and a small livechat-style widget.
 */
import '../src/index.ts';
import type { ChatFileUpload } from '../src/index.ts';
import { seed } from './server/seed.ts';
import * as locales from '../src/i18n/index.ts';

declare const __DEMO_SERVER_URL__: string;
/** The reference server (`npm start` runs it beside this page, on another port). */
const serverUrl = new URLSearchParams(location.search).get('server') ?? __DEMO_SERVER_URL__;

type Flow = 'rooms' | 'livechat' | 'single';
interface Attachment { title?: string; title_link?: string; image_url?: string; description?: string; image_alt?: string }
interface Message { _id: string; msg?: string; u?: { username?: string }; attachments?: Attachment[]; file?: { name?: string } }

const uploader = document.querySelector<ChatFileUpload>('#uploader')!;
const widget = document.querySelector<ChatFileUpload>('#widget-uploader')!;
const list = document.querySelector<HTMLOListElement>('#messages')!;
const widgetList = document.querySelector<HTMLOListElement>('#widget-messages')!;
const identity = document.querySelector<HTMLElement>('#identity')!;

/** Each flow pre-set to a working identity of the reference server (demo/server/seed.ts). */
const identities: Record<Flow, Record<string, string>> = {
  rooms: { 'room-id': seed.room, 'user-id': seed.user.id, 'auth-token': seed.user.token },
  livechat: { 'room-id': seed.visitor.room, 'visitor-token': seed.visitor.token },
  single: { 'room-id': seed.single.room, 'auth-token': seed.single.token },
};
const described: Record<Flow, string> = {
  rooms: `signed in as "${seed.user.username}" in #${seed.room}: rooms.media → rooms.mediaConfirm`,
  livechat: `as the livechat visitor of room ${seed.visitor.room}: livechat/upload`,
  single: `single POST of file + room_id to /api/upload_file (24 MiB limit) in #${seed.single.room}`,
};

let flow: Flow = 'rooms';

function configure(element: ChatFileUpload, which: Flow): void {
  for (const name of ['room-id', 'user-id', 'auth-token', 'visitor-token']) element.removeAttribute(name);
  element.setAttribute('flow', which);
  element.setAttribute('server-url', serverUrl);
  for (const [name, value] of Object.entries(identities[which])) element.setAttribute(name, value);
}

function selectFlow(which: Flow): void {
  flow = which;
  for (const button of document.querySelectorAll<HTMLButtonElement>('#flows button')) {
    button.setAttribute('aria-pressed', String(button.dataset.flow === which));
  }
  configure(uploader, which);
  identity.textContent = described[which];
  void refresh();
}

/** Renders messages as text (never markup) with image thumbnails. */
function render(target: HTMLOListElement, messages: Message[]): void {
  const items = messages.map((message) => {
    const li = document.createElement('li');
    const who = document.createElement('div');
    who.className = 'who';
    who.textContent = message.u?.username ?? 'visitor';
    li.append(who);
    if (message.msg) {
      const text = document.createElement('div');
      text.className = 'text';
      text.textContent = message.msg;
      li.append(text);
    }
    for (const attachment of message.attachments ?? []) {
      const link = document.createElement('a');
      link.href = new URL(attachment.title_link ?? '#', serverUrl).href;
      link.textContent = attachment.title ?? 'file';
      link.target = '_blank';
      link.rel = 'noopener';
      li.append(link);
      if (attachment.image_url) {
        const img = document.createElement('img');
        img.src = new URL(attachment.image_url, serverUrl).href;
        img.alt = attachment.image_alt ?? attachment.description ?? attachment.title ?? '';
        img.loading = 'lazy';
        li.append(img);
      }
      const description = attachment.image_alt ?? attachment.description;
      if (description) {
        const desc = document.createElement('div');
        desc.className = 'desc';
        desc.textContent = description;
        li.append(desc);
      }
    }
    return li;
  });
  if (!items.length) {
    const empty = document.createElement('li');
    empty.className = 'empty';
    empty.textContent = 'No messages yet. Drop, paste or browse files below, then press Send.';
    items.push(empty);
  }
  target.replaceChildren(...items);
  target.scrollTop = target.scrollHeight;
}

async function fetchMessages(which: Flow): Promise<Message[]> {
  if (which === 'livechat') {
    const rid = widget.getAttribute('room-id') ?? seed.visitor.room;
    const url = `${serverUrl}/api/v1/livechat/messages.history/${encodeURIComponent(rid)}`;
    const body = await (await fetch(url, { headers: { 'x-visitor-token': seed.visitor.token } })).json();
    return body.messages ?? [];
  }
  const rid = uploader.getAttribute('room-id') ?? identities[which]['room-id'];
  const url = `${serverUrl}/api/v1/channels.messages?roomId=${encodeURIComponent(rid)}`;
  const body = await (await fetch(url, { headers: { 'X-User-Id': seed.user.id, 'X-Auth-Token': seed.user.token } })).json();
  return [...(body.messages ?? [])].reverse(); // newest first on the wire
}

async function refresh(): Promise<void> {
  try {
    render(list, await fetchMessages(flow));
    render(widgetList, await fetchMessages('livechat'));
  } catch {
    identity.textContent = `The reference server at ${serverUrl} does not answer. Is "npm start" running?`;
  }
}

for (const button of document.querySelectorAll<HTMLButtonElement>('#flows button')) {
  button.addEventListener('click', () => selectFlow(button.dataset.flow as Flow));
}
/** Every word of the element comes from `strings`; Arabic also turns the page right-to-left. */
document.querySelector<HTMLSelectElement>('#language')!.addEventListener('change', (event) => {
  const name = (event.target as HTMLSelectElement).value as 'en' | 'de' | 'es' | 'fr' | 'ptBR' | 'ar';
  const strings = locales[name];
  for (const element of [uploader, widget]) element.strings = strings;
  document.documentElement.lang = strings.locale;
  document.documentElement.dir = name === 'ar' ? 'rtl' : 'ltr';
});
for (const element of [uploader, widget]) element.addEventListener('upload-success', () => void refresh());
configure(widget, 'livechat');
selectFlow('rooms');

/**
 * "Try a failure": each button arms one of the reference server's faults (demo/server/README.md,
 * "Faults") for the next upload to the room, through the dev server (vite.config.ts forwards the
 * demo page's fault calls alone), then sends a small file, so that each state is one click away.
 */
const routes: Record<Flow, string> = { rooms: 'rooms.media', livechat: 'livechat.upload', single: 'upload_file' };
const json = 'application/json';
interface Failure {
  /** what the server is told to do with the next upload (a fault of demo/server/faults.ts) */
  fault?: Record<string, unknown>;
  /** what the note under the buttons says */
  note: string;
  /** settings of the element for this one send (automatic retries off: the failure shows at once) */
  settings?: Partial<Pick<ChatFileUpload, 'retries' | 'stallTimeout'>>;
}
const failures: Record<string, Failure> = {
  'bad-token': {
    fault: { kind: 'status', status: 401, contentType: json, body: '{"status":"error","message":"You must be logged in to do this."}' },
    note: 'The server answers 401 ("You must be logged in to do this."), as for an expired token: the element stops sending and waits for new credentials, or Retry.',
  },
  'server-error': {
    fault: { kind: 'status', status: 502, contentType: 'text/html', body: '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>' },
    note: 'A proxy in front of the server answers 502 with its own HTML page. Automatic retries are off for this try, so the error shows at once.',
    settings: { retries: 0 },
  },
  stall: {
    fault: { kind: 'stall', afterBytes: 0 },
    note: 'The server stops reading the upload and never answers: after 4 s without progress (stall-timeout) the element gives up on it.',
    settings: { retries: 0, stallTimeout: 4000 },
  },
  offline: {
    note: 'The page says it is offline for 6 s (as when the network goes away): the file waits, and goes by itself when the network is back.',
  },
  'rate-limit': {
    fault: {
      kind: 'status', status: 429, contentType: json, headers: { 'Retry-After': '5' },
      body: '{"success":false,"error":"Error, too many requests. Please slow down. You must wait 5 seconds before trying this endpoint again. [error-too-many-requests]"}',
    },
    note: 'The server\'s rate limiter answers 429: the element waits the 5 s it is told, then sends.',
  },
  'too-large': {
    fault: { kind: 'status', status: 413, contentType: 'text/html', body: '<html><head><title>413 Request Entity Too Large</title></head><body><h1>413 Request Entity Too Large</h1></body></html>' },
    note: 'A proxy in front of the server refuses the body as too large (its own HTML page, status 413).',
  },
};
const note = document.querySelector<HTMLElement>('#fault-note')!;

/** The page says it is offline (navigator.onLine false and an `offline` event), for `ms`. */
function goOffline(ms: number): void {
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
  dispatchEvent(new Event('offline'));
  setTimeout(() => {
    delete (navigator as { onLine?: boolean }).onLine;
    dispatchEvent(new Event('online'));
  }, ms);
}

async function tryFailure(name: string): Promise<void> {
  const failure = failures[name];
  const rid = uploader.getAttribute('room-id') ?? undefined;
  if (failure.fault) {
    const armed = await fetch('/__reference-server/_test/faults', {
      method: 'POST',
      headers: { 'Content-Type': json },
      body: JSON.stringify({ route: routes[flow], rid, times: 1, ...failure.fault }),
    }).catch(() => undefined);
    if (!armed?.ok) {
      note.textContent = 'The fault could not be armed: the failure panel works with "npm start" only.';
      return;
    }
  }
  note.textContent = failure.note;
  if (name === 'offline') goOffline(6000);
  const before = { retries: uploader.retries, stallTimeout: uploader.stallTimeout };
  Object.assign(uploader, failure.settings);
  uploader.addFiles([new File([`A file sent to try a failure (${name}).\n`.repeat(2000)], `try-${name}.txt`, { type: 'text/plain' })]);
  try {
    await uploader.send();
  } finally {
    Object.assign(uploader, before);
  }
}
for (const button of document.querySelectorAll<HTMLButtonElement>('.fault-buttons button')) {
  button.addEventListener('click', () => void tryFailure(button.dataset.fault!));
}

/** The element's theme; the page takes the same colours, as a host page would. */
document.querySelector<HTMLSelectElement>('#theme')!.addEventListener('change', (event) => {
  const theme = (event.target as HTMLSelectElement).value as 'auto' | 'light' | 'dark';
  for (const element of [uploader, widget]) element.theme = theme;
  document.documentElement.style.colorScheme = theme === 'auto' ? '' : theme;
});
