#!/usr/bin/env node
// chat-file-upload-check: asks a Rocket.Chat server whether <chat-file-upload> will work on a
// page of a given origin, and says in plain words what an admin must change. Node 20, no
// dependencies. Exit code: 0 when everything the element needs works, 1 otherwise, 2 for bad
// arguments. What each check reads and why: README.md, "Set up your Rocket.Chat".
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const usage = `Usage: chat-file-upload-check <server-url> --origin <page-origin> [options]

Asks a Rocket.Chat server what <chat-file-upload> needs from it and prints what works
and what an admin must change.

  <server-url>               the chat server, e.g. https://chat.example.com
  --origin <origin>          the origin of the page the element is on, e.g. https://my.site
  --user-id <id>             with --auth-token: a user's credentials (rooms flow)
  --auth-token <token>
  --visitor-token <token>    a livechat visitor's token (livechat flow)
  --room <rid>               the room the element posts to: checks access to it
  --json                     print the result as JSON
  --timeout <ms>             time allowed for each request (default 10000)
  -h, --help                 this text

Exit code: 0 when everything the element needs works, 1 when something must change,
2 for bad arguments. With --room, one call to the upload route is made (it stores
nothing) and counts against that route's rate limit.`;

/** The headers the element sends cross-origin (servers.md, "CORS"). */
const elementHeaders = ['X-User-Id', 'X-Auth-Token', 'x-visitor-token', 'Content-Type', 'Authorization'];

const where = {
  restApi: 'Administration > Settings > General > REST API',
  fileUpload: 'Administration > Settings > File Upload',
  message: 'Administration > Settings > Message',
  rateLimiter: 'Administration > Settings > Rate Limiter > API Rate Limiter',
  omnichannel: 'Administration > Settings > Omnichannel',
  permissions: 'Administration > Permissions',
};

class UsageError extends Error {}

/** Reads the command line; throws UsageError for anything it cannot take. */
export function parseArgs(argv) {
  const options = { timeout: 10_000, json: false, help: false };
  const valued = { '--origin': 'origin', '--user-id': 'userId', '--auth-token': 'authToken', '--visitor-token': 'visitorToken', '--room': 'room', '--timeout': 'timeout' };
  const positional = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (flag === '-h' || flag === '--help') options.help = true;
    else if (flag === '--json') options.json = true;
    else if (flag in valued) {
      const value = inline ?? argv[++i];
      if (value === undefined || value === '' || (inline === undefined && value.startsWith('--'))) throw new UsageError(`${flag} needs a value.`);
      options[valued[flag]] = value;
    } else if (flag.startsWith('-')) throw new UsageError(`Unknown option ${flag}.`);
    else positional.push(arg);
  }
  if (options.help) return options;
  if (positional.length !== 1) throw new UsageError(positional.length ? `One server URL, please (got ${positional.length}).` : 'The server URL is missing.');
  let server;
  try {
    server = new URL(positional[0]);
  } catch {
    throw new UsageError(`Not a URL: ${positional[0]}`);
  }
  if (server.protocol !== 'http:' && server.protocol !== 'https:') throw new UsageError(`The server URL must start with http:// or https:// (got ${positional[0]}).`);
  options.server = `${server.origin}${server.pathname.replace(/\/+$/, '')}`;
  if (!options.origin) throw new UsageError('--origin is missing: the origin of the page the element is on, e.g. https://my.site');
  let origin;
  try {
    origin = new URL(options.origin);
  } catch {
    throw new UsageError(`--origin is not an origin: ${options.origin}`);
  }
  if ((origin.protocol !== 'http:' && origin.protocol !== 'https:') || origin.origin !== options.origin.replace(/\/$/, '')) {
    throw new UsageError(`--origin must be a scheme, host and port only, as a browser sends it, e.g. https://my.site (got ${options.origin}).`);
  }
  options.origin = origin.origin;
  if (Boolean(options.userId) !== Boolean(options.authToken)) throw new UsageError('--user-id and --auth-token go together.');
  if (options.userId && options.visitorToken) throw new UsageError('Give a user (--user-id, --auth-token) or a visitor (--visitor-token), not both.');
  const timeout = Number(options.timeout);
  if (!Number.isInteger(timeout) || timeout <= 0) throw new UsageError(`--timeout must be a whole number of milliseconds (got ${options.timeout}).`);
  options.timeout = timeout;
  options.flow = options.visitorToken ? 'livechat' : 'rooms';
  return options;
}

async function request(options, method, path, init = {}) {
  try {
    const response = await fetch(`${options.server}${path}`, { method, redirect: 'manual', signal: AbortSignal.timeout(options.timeout), ...init });
    const text = await response.text();
    let body;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    return { status: response.status, headers: response.headers, text, body };
  } catch (error) {
    const cause = error?.cause?.code ?? error?.cause?.message ?? error?.message ?? String(error);
    return { status: 0, error: error?.name === 'TimeoutError' ? `no answer within ${options.timeout} ms` : cause };
  }
}

function size(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${units[unit]}`;
}

function rateLimitOf(res) {
  const limit = res.headers?.get('x-ratelimit-limit');
  if (!limit) return undefined;
  return { limit: Number(limit), remaining: Number(res.headers.get('x-ratelimit-remaining')), reset: Number(res.headers.get('x-ratelimit-reset')) };
}

/** The words of a Rocket.Chat error body, for the report. */
function said(res) {
  if (res.status === 0) return res.error;
  const b = res.body;
  const words = (b && (b.error || b.reason || b.message)) || res.text?.slice(0, 200) || '';
  return `${res.status}${words ? ` ${typeof words === 'string' ? words : JSON.stringify(words)}` : ''}`;
}

/** The upload route refused only the empty body: what came before it (credentials, room) passed. */
function bodyRefused(res) {
  return (res.status === 400 || res.status === 500) && /Content-Type|content type|Boundary/i.test(said(res));
}

/** Runs every check; resolves with the report (never rejects for what the server answers). */
export async function check(options) {
  const checks = [];
  const add = (id, status, message, fix) => checks.push({ id, status, message, ...(fix ? { fix } : {}) });
  const sameOrigin = new URL(options.server).origin === options.origin;
  const report = () => ({ server: options.server, origin: options.origin, flow: options.flow, ok: !checks.some((c) => c.status === 'fail'), checks });

  // 1. The server's public settings: reachable, uploads on, limits, lists (servers.md "settings.public").
  const ids = ['FileUpload_Enabled', 'FileUpload_MaxFileSize', 'FileUpload_MediaTypeWhiteList', 'FileUpload_MediaTypeBlackList', 'FileUpload_Enabled_Direct', 'FileUpload_ProtectFiles', 'Message_MaxAllowedSize'];
  const settingsPath = `/api/v1/settings.public?_id=${ids.join(',')}`;
  // Asked as the page asks it, with its Origin. Rocket.Chat answers that with `*`; older versions
  // and some proxies refuse an origin they do not allow (403 Invalid origin) on every request.
  const simpleRes = await request(options, 'GET', settingsPath, { headers: { Origin: options.origin } });
  const refusedOrigin = simpleRes.status === 403 && /Invalid origin/i.test(simpleRes.text ?? '');
  const settingsRes = refusedOrigin ? await request(options, 'GET', settingsPath) : simpleRes;
  if (settingsRes.status === 0) {
    add('reach', 'fail', `The server could not be reached: ${settingsRes.error}.`, 'Check the URL, and that this machine can reach the server.');
    return report();
  }
  if (settingsRes.status === 429) {
    add('reach', 'fail', `The server's rate limiter refused the check (${said(settingsRes)}).`, 'Run the check again once the wait it names is over.');
    return report();
  }
  if (settingsRes.status !== 200 || !Array.isArray(settingsRes.body?.settings)) {
    add('reach', 'fail', `The server answered ${said(settingsRes)} to GET /api/v1/settings.public: it does not look like Rocket.Chat at this URL.`, 'Give the URL the Rocket.Chat web app is served from (without /api).');
    return report();
  }
  const info = await request(options, 'GET', '/api/info');
  add('reach', 'ok', `The server answers${info.body?.version ? ` (Rocket.Chat ${info.body.version})` : ''}.`);
  const settings = Object.fromEntries(settingsRes.body.settings.map((s) => [s._id, s.value]));

  // 2. CORS: a preflight like the browser's, to the route the element posts to.
  const uploadPath = options.flow === 'livechat' ? `/api/v1/livechat/upload/${encodeURIComponent(options.room ?? 'check')}` : `/api/v1/rooms.media/${encodeURIComponent(options.room ?? 'check')}`;
  const corsFix = `${where.restApi}: turn on "Enable CORS" (API_Enable_CORS) and add ${options.origin} to "CORS Origin" (API_CORS_Origin, comma-separated; * allows every site).`;
  const pre = await request(options, 'OPTIONS', uploadPath, {
    headers: { Origin: options.origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': elementHeaders.map((h) => h.toLowerCase()).join(',') },
  });
  const allowOrigin = pre.headers?.get('access-control-allow-origin');
  const allowHeaders = (pre.headers?.get('access-control-allow-headers') ?? '').split(',').map((h) => h.trim().toLowerCase());
  const missing = elementHeaders.filter((h) => !allowHeaders.includes(h.toLowerCase()) && !allowHeaders.includes('*'));
  const simpleOrigin = simpleRes.headers?.get('access-control-allow-origin');
  if (sameOrigin) add('cors', 'ok', `The page is on the server's own origin (${options.origin}): no CORS is needed.`);
  else if (pre.status === 405 && /CORS not enabled/i.test(pre.text ?? '')) add('cors', 'fail', `CORS is off: the browser refuses every upload from ${options.origin} (the person sees that the server cannot be reached).`, corsFix);
  else if (pre.status === 403 || refusedOrigin) add('cors', 'fail', `CORS is on, but ${options.origin} is not among the allowed origins: the browser refuses every upload from it.`, `${where.restApi}: add ${options.origin} to "CORS Origin" (API_CORS_Origin), exactly as written here.`);
  else if (pre.status === 0) add('cors', 'fail', `The preflight request got no answer: ${pre.error}.`, corsFix);
  else if (pre.status < 200 || pre.status >= 300 || (allowOrigin !== '*' && allowOrigin !== options.origin)) {
    add('cors', 'fail', `The preflight for ${options.origin} was answered ${pre.status} ${allowOrigin ? `for the origin ${allowOrigin}` : 'without Access-Control-Allow-Origin'}: the browser refuses the uploads.`, corsFix);
  } else if (missing.length) add('cors', 'fail', `CORS allows ${options.origin}, but not the headers ${missing.join(', ')} that the element sends.`, `Let a proxy in front of Rocket.Chat pass Access-Control-Allow-Headers through, or allow ${missing.join(', ')}.`);
  else if (simpleOrigin !== '*' && simpleOrigin !== options.origin) add('cors', 'fail', `Preflights pass, but answers carry no Access-Control-Allow-Origin for ${options.origin}: the browser hides them from the page.`, corsFix);
  else add('cors', 'ok', `CORS allows uploads from ${options.origin}.`);

  // 3. Uploads on, size limit, type lists.
  if (settings.FileUpload_Enabled === false) add('uploads', 'fail', 'File uploads are off: every file is refused.', `${where.fileUpload}: turn on "File Uploads Enabled" (FileUpload_Enabled).`);
  else if (settings.FileUpload_Enabled === true) add('uploads', 'ok', 'File uploads are on.');
  else add('uploads', 'warn', 'The server does not say whether file uploads are on (FileUpload_Enabled is not public here).');
  const max = settings.FileUpload_MaxFileSize;
  if (typeof max === 'number') {
    if (max === 0) add('size', 'fail', 'The maximum file size is 0: every file is refused.', `${where.fileUpload}: set "Maximum File Upload Size (in bytes)" (FileUpload_MaxFileSize) to a size, or -1 for no limit.`);
    else if (max < 0) add('size', 'info', 'Files of any size are accepted (FileUpload_MaxFileSize is -1).');
    else add('size', 'info', `Files up to ${size(max)} (${max} bytes) are accepted; larger ones are refused before any byte is sent.`, `To change it: ${where.fileUpload}, "Maximum File Upload Size (in bytes)" (FileUpload_MaxFileSize).`);
  }
  const white = String(settings.FileUpload_MediaTypeWhiteList ?? '').trim();
  const black = String(settings.FileUpload_MediaTypeBlackList ?? '').trim();
  if (white) add('types', 'info', `Only these types are accepted: ${white}. A file whose type cannot be told from its name counts as application/octet-stream.`, `To change it: ${where.fileUpload}, "Accepted Media Types" (FileUpload_MediaTypeWhiteList).`);
  else add('types', 'info', `Every type is accepted${black ? ` except ${black}` : ''}.`, black ? `To change it: ${where.fileUpload}, "Blocked Media Types" (FileUpload_MediaTypeBlackList).` : undefined);
  if (settings.FileUpload_Enabled_Direct === false) add('direct', 'warn', 'Files cannot be sent in direct messages (FileUpload_Enabled_Direct is off): an upload to a DM fails after its bytes are up.', `${where.fileUpload}: turn on "File Uploads Enabled in Direct Messages" (FileUpload_Enabled_Direct).`);
  else if (settings.FileUpload_Enabled_Direct === true) add('direct', 'ok', 'Files can be sent in direct messages too.');
  if (typeof settings.Message_MaxAllowedSize === 'number') add('message', 'info', `A message or file description may be up to ${settings.Message_MaxAllowedSize} characters.`, `To change it: ${where.message}, "Maximum Allowed Characters Per Message" (Message_MaxAllowedSize).`);
  if (settings.FileUpload_ProtectFiles === true) add('protect', 'info', 'Uploaded files are protected: only signed-in members of the room (or the visitor) can open their links.');

  // 4. Livechat uploads (livechat/config).
  if (options.flow === 'livechat' || !options.userId) {
    const token = options.visitorToken ? `?token=${encodeURIComponent(options.visitorToken)}` : '';
    const config = await request(options, 'GET', `/api/v1/livechat/config${token}`);
    const fileUpload = config.body?.config?.settings?.fileUpload;
    const fix = `${where.omnichannel}: turn on file uploads for Livechat (Livechat_fileupload_enabled), with FileUpload_Enabled on.`;
    if (config.status === 200 && fileUpload === false) add('livechat', options.flow === 'livechat' ? 'fail' : 'warn', 'Livechat visitors cannot upload files.', fix);
    else if (config.status === 200 && fileUpload === true) add('livechat', 'ok', 'Livechat visitors can upload files.');
    else add('livechat', options.flow === 'livechat' ? 'warn' : 'skip', `Livechat's settings could not be read (${said(config)}).`);
  }

  // 5. Credentials, the room, and the rate limiter of the upload route.
  let rate;
  if (options.userId && options.room) {
    // No Content-Type: Rocket.Chat checks the credentials and the room before the body, then
    // answers 400 "Missing Content-Type". Nothing is stored.
    const res = await request(options, 'POST', uploadPath, { headers: { 'X-User-Id': options.userId, 'X-Auth-Token': options.authToken } });
    rate = rateLimitOf(res);
    if (res.status === 401) add('credentials', 'fail', 'The user id and token were refused (401): the element would ask for fresh credentials on every upload.', 'Use a current personal access token or login token of this user (Account > Personal Access Tokens).');
    else if (res.status === 403) add('credentials', 'fail', `The credentials are valid, but this user may not post in room ${options.room} (403).`, 'Add the user to the room, or use a room the user is in.');
    else if (bodyRefused(res)) add('credentials', 'ok', `The credentials are valid and the user may post files in room ${options.room}.`);
    else if (res.status === 429) add('credentials', 'warn', `The upload route is rate limited right now (${said(res)}); the credentials could not be checked.`);
    else add('credentials', 'fail', `The upload route answered ${said(res)}.`, 'Check that this is Rocket.Chat 7 or later, with the REST API reachable at /api/v1.');
  } else if (options.userId) {
    const res = await request(options, 'GET', '/api/v1/me', { headers: { 'X-User-Id': options.userId, 'X-Auth-Token': options.authToken } });
    if (res.status === 200) add('credentials', 'ok', `The credentials are valid${res.body?.username ? ` (user ${res.body.username})` : ''}. Give --room to check the room too.`);
    else if (res.status === 401) add('credentials', 'fail', 'The user id and token were refused (401).', 'Use a current personal access token or login token of this user (Account > Personal Access Tokens).');
    else add('credentials', 'skip', `The credentials could not be checked without --room (GET /api/v1/me answered ${said(res)}).`);
  } else if (options.visitorToken && options.room) {
    const res = await request(options, 'POST', uploadPath, { headers: { 'x-visitor-token': options.visitorToken } });
    rate = rateLimitOf(res);
    if (res.status === 403) add('credentials', 'fail', `The visitor token is unknown, or room ${options.room} is closed or not this visitor's (403).`, 'Use the token of the visitor whose open livechat room this is.');
    else if (res.status === 400 && res.body?.reason === 'error-file-upload-disabled') add('credentials', 'fail', 'Livechat uploads are off: the visitor cannot send files.', `${where.omnichannel}: turn on file uploads for Livechat (Livechat_fileupload_enabled), with FileUpload_Enabled on.`);
    // Rocket.Chat answers 400; some versions a 500 with the same words: the token and room passed.
    else if (bodyRefused(res)) add('credentials', 'ok', `The visitor token is valid and room ${options.room} takes the visitor's files.`);
    else if (res.status === 429) add('credentials', 'warn', `The upload route is rate limited right now (${said(res)}); the visitor could not be checked.`);
    else add('credentials', 'fail', `The livechat upload route answered ${said(res)}.`);
  } else if (options.visitorToken) {
    add('credentials', 'skip', 'Give --room (the visitor\'s open livechat room) to check the visitor token and the room.');
  } else {
    add('credentials', 'skip', 'No credentials given: give --user-id and --auth-token (or --visitor-token) and --room to check them.');
  }
  // Without a call to the upload route, settings.public's limit (it is limited like any route) says
  // whether the limiter is on; with one, that route's own answer says it for this user.
  const probed = Boolean(options.room && (options.userId || options.visitorToken));
  if (!probed) rate = rateLimitOf(settingsRes);
  const rateFix = `The element waits out each pause by itself. To send more: give the sending users the "api-bypass-rate-limit" permission (${where.permissions}), or raise "Default number calls to the rate limiter" (API_Enable_Rate_Limiter_Limit_Calls_Default) or shorten "Default time limit for the rate limiter (in ms)" (API_Enable_Rate_Limiter_Limit_Time_Default) in ${where.rateLimiter}.`;
  if (rate && Number.isFinite(rate.limit)) {
    const window = Number.isFinite(rate.reset) && rate.reset > Date.now() ? ` (this one ends in ${Math.ceil((rate.reset - Date.now()) / 1000)} s)` : '';
    add('rate-limit', 'warn', `The API rate limiter is on: ${rate.limit} calls per route and address in each window (Rocket.Chat's default: 10 a minute). More files than that from one network wait for the next window${window}.`, rateFix);
  } else if (probed) {
    add('rate-limit', 'ok', 'No rate limit was seen on the upload route: it is off, or this user may bypass it (api-bypass-rate-limit).');
  } else {
    add('rate-limit', 'info', 'No rate limit was seen on settings.public. Rocket.Chat limits each route to 10 calls a minute per address by default, unless the user has api-bypass-rate-limit; give credentials and --room to see the upload route\'s.');
  }
  return report();
}

const marks = { ok: 'ok  ', fail: 'FAIL', warn: 'warn', info: 'info', skip: 'skip' };

/** The report in plain words. */
export function format(result) {
  const lines = [`Checking ${result.server} for <chat-file-upload> on ${result.origin} (${result.flow} flow)`, ''];
  for (const c of result.checks) {
    lines.push(`[${marks[c.status]}] ${c.message}`);
    if (c.fix && (c.status === 'fail' || c.status === 'warn' || c.status === 'info')) lines.push(`       ${c.status === 'info' ? '' : 'Fix: '}${c.fix}`);
  }
  const failed = result.checks.filter((c) => c.status === 'fail').length;
  const warned = result.checks.filter((c) => c.status === 'warn').length;
  if (failed) lines.push('', `${failed} thing${failed === 1 ? '' : 's'} must change before the element works from ${result.origin}.`);
  else if (warned) lines.push('', `Nothing must change for the element to work from ${result.origin}; read the ${warned === 1 ? 'warning' : `${warned} warnings`} above.`);
  else lines.push('', `Everything the element needs works from ${result.origin}.`);
  return lines.join('\n');
}

export async function main(argv, out = process.stdout, err = process.stderr) {
  let options;
  try {
    options = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    err.write(`chat-file-upload-check: ${error.message}\n\n${usage}\n`);
    return 2;
  }
  if (options.help) {
    out.write(`${usage}\n`);
    return 0;
  }
  const result = await check(options);
  out.write(options.json ? `${JSON.stringify(result, null, 2)}\n` : `${format(result)}\n`);
  return result.ok ? 0 : 1;
}

// Run as a command (also through npx's symlink), not when imported.
if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2));
}
