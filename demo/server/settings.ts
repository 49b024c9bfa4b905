/** The server's upload settings (servers.md "Server settings the limits come from"). */

export interface Settings {
  FileUpload_Enabled: boolean;
  /** bytes; -1 = no limit; 0 = rooms refuses every non-empty file, livechat falls back to 100 MiB */
  FileUpload_MaxFileSize: number;
  FileUpload_MediaTypeWhiteList: string;
  FileUpload_MediaTypeBlackList: string;
  Livechat_fileupload_enabled: boolean;
}

export const defaultSettings: Readonly<Settings> = {
  FileUpload_Enabled: true,
  FileUpload_MaxFileSize: 104857600,
  FileUpload_MediaTypeWhiteList: '',
  FileUpload_MediaTypeBlackList: 'image/svg+xml',
  Livechat_fileupload_enabled: true,
};

const byExtension: Record<string, string> = {
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp', svg: 'image/svg+xml',
  pdf: 'application/pdf', txt: 'text/plain', html: 'text/html', htm: 'text/html', json: 'application/json',
  mp4: 'video/mp4', mp3: 'audio/mpeg', zip: 'application/zip', csv: 'text/csv',
};

/** The type the server goes by: guessed from the name when sent as application/octet-stream (R8). */
export function effectiveType(type: string, name: string): string {
  const t = (type || '').toLowerCase();
  if (t && t !== 'application/octet-stream') return t;
  const extension = name.toLowerCase().split('.').pop() ?? '';
  return byExtension[extension] ?? t;
}

function list(value: string): string[] {
  return value.split(',').map((entry) => entry.trim().toLowerCase()).filter(Boolean);
}

function matches(type: string, entry: string): boolean {
  if (entry === '*' || entry === '*/*') return true;
  return entry.endsWith('/*') ? type.startsWith(entry.slice(0, -1)) : type === entry;
}

/** Black list first (an empty type is refused when it is not empty), then the white list. */
export function typeAllowed(settings: Settings, type: string): boolean {
  const blocked = list(settings.FileUpload_MediaTypeBlackList);
  if (blocked.length && (!type || blocked.some((entry) => matches(type, entry)))) return false;
  const allowed = list(settings.FileUpload_MediaTypeWhiteList);
  return !allowed.length || allowed.some((entry) => matches(type, entry));
}

/** The size limit a flow applies: `undefined` = none. */
export function sizeLimit(settings: Settings, flow: 'rooms' | 'livechat'): number | undefined {
  const max = settings.FileUpload_MaxFileSize;
  if (max < 0) return undefined;
  if (max === 0) return flow === 'livechat' ? 104857600 : 0;
  return max;
}
