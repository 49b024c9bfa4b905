/**
 * The server's settings, under Rocket.Chat's names and with Rocket.Chat 8.x's defaults
 * (servers.md "Server settings the limits come from" and its corrections; README.md "Settings").
 */

export interface Settings {
  FileUpload_Enabled: boolean;
  /** bytes; -1 = no limit; 0 = every non-empty file is refused (rooms and livechat alike) */
  FileUpload_MaxFileSize: number;
  FileUpload_MediaTypeWhiteList: string;
  FileUpload_MediaTypeBlackList: string;
  /** uploads into direct-message rooms */
  FileUpload_Enabled_Direct: boolean;
  /** file downloads need credentials */
  FileUpload_ProtectFiles: boolean;
  /** file downloads need room membership */
  FileUpload_Restrict_to_room_members: boolean;
  Livechat_fileupload_enabled: boolean;
  /** the longest `msg` or `description` (characters) */
  Message_MaxAllowedSize: number;
  Message_CustomFields_Enabled: boolean;
  /** the JSON schema `customFields` must match */
  Message_CustomFields: string;
  Message_Attachments_Thumbnails_Enabled: boolean;
  Message_Attachments_Thumbnails_Width: number;
  Message_Attachments_Thumbnails_Height: number;
  Threads_enabled: boolean;
  E2E_Enable: boolean;
  E2E_Enable_Encrypt_Files: boolean;
  E2E_Allow_Unencrypted_Messages: boolean;
  /** off: every preflight gets 405 */
  API_Enable_CORS: boolean;
  /** `*` or a comma-separated list of origins */
  API_CORS_Origin: string;
  API_Enable_Rate_Limiter: boolean;
  API_Enable_Rate_Limiter_Limit_Calls_Default: number;
  /** milliseconds */
  API_Enable_Rate_Limiter_Limit_Time_Default: number;
}

export const defaultSettings: Readonly<Settings> = {
  FileUpload_Enabled: true,
  FileUpload_MaxFileSize: 104857600,
  FileUpload_MediaTypeWhiteList: '',
  FileUpload_MediaTypeBlackList: 'image/svg+xml',
  FileUpload_Enabled_Direct: true,
  FileUpload_ProtectFiles: true,
  FileUpload_Restrict_to_room_members: true,
  Livechat_fileupload_enabled: true,
  Message_MaxAllowedSize: 5000,
  Message_CustomFields_Enabled: false,
  Message_CustomFields: '',
  Message_Attachments_Thumbnails_Enabled: true,
  Message_Attachments_Thumbnails_Width: 480,
  Message_Attachments_Thumbnails_Height: 360,
  Threads_enabled: true,
  E2E_Enable: false,
  E2E_Enable_Encrypt_Files: true,
  E2E_Allow_Unencrypted_Messages: false,
  API_Enable_CORS: false,
  API_CORS_Origin: '*',
  API_Enable_Rate_Limiter: true,
  API_Enable_Rate_Limiter_Limit_Calls_Default: 10,
  API_Enable_Rate_Limiter_Limit_Time_Default: 60000,
};

/** The settings `settings.public` serves (Rocket.Chat marks these `public: true`); the API_* ones are private. */
export const publicSettings: ReadonlySet<string> = new Set([
  'FileUpload_Enabled', 'FileUpload_MaxFileSize', 'FileUpload_MediaTypeWhiteList', 'FileUpload_MediaTypeBlackList',
  'FileUpload_Enabled_Direct', 'FileUpload_ProtectFiles', 'Message_MaxAllowedSize', 'Message_CustomFields_Enabled',
  'Message_Attachments_Thumbnails_Enabled', 'Message_Attachments_Thumbnails_Width', 'Message_Attachments_Thumbnails_Height',
  'Threads_enabled', 'E2E_Enable', 'E2E_Enable_Encrypt_Files', 'E2E_Allow_Unencrypted_Messages',
]);

/** Keeps only known settings whose value has the default's type; returns what was refused. */
export function validSettings(input: Record<string, unknown>): { ok: Partial<Settings>; refused: string[] } {
  const ok: Record<string, unknown> = {};
  const refused: string[] = [];
  for (const [key, value] of Object.entries(input)) {
    if (key in defaultSettings && typeof value === typeof defaultSettings[key as keyof Settings]) ok[key] = value;
    else refused.push(key);
  }
  return { ok: ok as Partial<Settings>, refused };
}

/**
 * The file-name table: extension → type, from mime-db for the types people send, plus
 * Rocket.Chat's own extras (`lst`). Used only when the declared type says nothing.
 */
const byExtension: Record<string, string> = {
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', jpe: 'image/jpeg', gif: 'image/gif', webp: 'image/webp',
  svg: 'image/svg+xml', svgz: 'image/svg+xml', bmp: 'image/bmp', ico: 'image/x-icon', tif: 'image/tiff', tiff: 'image/tiff',
  heic: 'image/heic', heif: 'image/heif', avif: 'image/avif', apng: 'image/apng',
  pdf: 'application/pdf', txt: 'text/plain', text: 'text/plain', log: 'text/plain', conf: 'text/plain', ini: 'text/plain', lst: 'text/plain', list: 'text/plain',
  md: 'text/markdown', markdown: 'text/markdown', html: 'text/html', htm: 'text/html', shtml: 'text/html', xhtml: 'application/xhtml+xml',
  xml: 'application/xml', css: 'text/css', csv: 'text/csv', tsv: 'text/tab-separated-values', ics: 'text/calendar', vcf: 'text/vcard',
  js: 'text/javascript', mjs: 'text/javascript', json: 'application/json', yaml: 'text/yaml', yml: 'text/yaml', rtf: 'application/rtf',
  zip: 'application/zip', gz: 'application/gzip', tar: 'application/x-tar', '7z': 'application/x-7z-compressed', rar: 'application/vnd.rar', bz2: 'application/x-bzip2',
  mp4: 'video/mp4', m4v: 'video/mp4', mov: 'video/quicktime', webm: 'video/webm', mkv: 'video/x-matroska', avi: 'video/x-msvideo', ogv: 'video/ogg',
  mp3: 'audio/mpeg', m4a: 'audio/mp4', aac: 'audio/aac', wav: 'audio/wav', ogg: 'audio/ogg', oga: 'audio/ogg', flac: 'audio/flac', opus: 'audio/ogg', weba: 'audio/webm',
  doc: 'application/msword', dot: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint', pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text', ods: 'application/vnd.oasis.opendocument.spreadsheet', odp: 'application/vnd.oasis.opendocument.presentation',
  epub: 'application/epub+zip', wasm: 'application/wasm', exe: 'application/x-msdownload', dmg: 'application/x-apple-diskimage',
  apk: 'application/vnd.android.package-archive', bin: 'application/octet-stream', drawio: 'application/vnd.jgraph.mxfile',
  woff: 'font/woff', woff2: 'font/woff2', ttf: 'font/ttf', otf: 'font/otf', eml: 'message/rfc822', sh: 'application/x-sh',
};
const knownTypes = new Set([...Object.values(byExtension), 'text/xml', 'image/jpg', 'audio/mp3', 'audio/x-wav', 'application/x-zip-compressed']);

/** The type the name says, or undefined. */
export function typeFromName(name: string): string | undefined {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? undefined : byExtension[name.slice(dot + 1).toLowerCase()];
}

/**
 * The type the server goes by (Rocket.Chat's getMimeType): an empty, `application/octet-stream`
 * or unknown type is replaced by the name's; a known type is kept (R8).
 */
export function effectiveType(type: string, name: string): string {
  const t = (type || '').toLowerCase().split(';')[0].trim();
  if (t && t !== 'application/octet-stream' && knownTypes.has(t)) return t;
  return typeFromName(name) ?? (t || 'application/octet-stream');
}

function list(value: string): string[] {
  return value.split(',').map((entry) => entry.trim().toLowerCase()).filter(Boolean);
}

function matches(type: string, entry: string): boolean {
  if (entry === '*' || entry === '*/*') return true;
  return entry.endsWith('/*') ? type.startsWith(entry.slice(0, -1)) : type === entry;
}

/** A type on the black list is refused; an empty type only when a white list is set. */
export function typeAllowed(settings: Settings, type: string, skipWhiteList = false): boolean {
  const blocked = list(settings.FileUpload_MediaTypeBlackList);
  if (type && blocked.some((entry) => matches(type, entry))) return false;
  const allowed = list(settings.FileUpload_MediaTypeWhiteList);
  if (skipWhiteList || !allowed.length) return true;
  return Boolean(type) && allowed.some((entry) => matches(type, entry));
}

/** The parser's limit (bytes) for a flow: `undefined` = none. Livechat reads 0 as 100 MiB here. */
export function parserLimit(settings: Settings, flow: 'rooms' | 'livechat'): number | undefined {
  const max = settings.FileUpload_MaxFileSize;
  if (flow === 'livechat' && max === 0) return 104857600;
  return max > 0 ? max : undefined;
}

/** `File size exceeds upload limit of 0 B.`: the store's check, which a limit of 0 reaches in both flows. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = -1;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${Number(value.toFixed(2))} ${units[unit]}`;
}
