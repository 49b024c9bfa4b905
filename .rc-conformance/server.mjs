import { createServer } from "node:http";
import { join } from "node:path";
import busboy from "busboy";
import { createHash, randomBytes } from "node:crypto";
import { closeSync, copyFileSync, createReadStream, createWriteStream, existsSync, mkdirSync, openSync, readSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { Transform } from "node:stream";
import { deflateSync } from "node:zlib";
// demo/server/http.ts
/** HTTP plumbing of the reference server: replies, CORS, bodies, multipart to disk. */
/** The CORS headers of every answer but a preflight's (RC sends `*` on every REST answer; no Expose-Headers). */
function cors(res, req, settings) {
	const origin = req?.headers.origin;
	if (settings?.API_Enable_CORS && origin && settings.API_CORS_Origin.trim() !== "*") {
		res.setHeader("Access-Control-Allow-Origin", origin);
		res.setHeader("Vary", "Origin");
	} else res.setHeader("Access-Control-Allow-Origin", "*");
}
const allowMethods = "GET, POST, PUT, DELETE, HEAD, PATCH";
const allowHeaders = "Origin, X-Requested-With, Content-Type, Accept, X-User-Id, X-Auth-Token, x-visitor-token, Authorization";
/** Whether an origin may call the REST API under API_CORS_Origin. */
function originAllowed(settings, origin) {
	const setting = settings.API_CORS_Origin.trim();
	if (setting === "*" || !origin) return true;
	return setting.split(",").map((entry) => entry.trim().toLowerCase()).includes(origin.toLowerCase());
}
/** A preflight, as Rocket.Chat answers it: 405 while API_Enable_CORS is off; 403 for an origin outside API_CORS_Origin. */
function preflight(req, res, settings) {
	if (!settings.API_Enable_CORS) {
		res.writeHead(405, { "Content-Type": "text/plain; charset=utf-8" }).end("CORS not enabled. Go to \"Admin > General > REST Api\" to enable it.");
		return;
	}
	const origin = req.headers.origin;
	if (!originAllowed(settings, origin)) {
		res.writeHead(403, { "Content-Type": "text/plain; charset=utf-8" }).end("Invalid origin");
		return;
	}
	const star = settings.API_CORS_Origin.trim() === "*";
	res.writeHead(200, {
		"Access-Control-Allow-Origin": star || !origin ? "*" : origin,
		...star ? {} : { Vary: "Origin" },
		"Access-Control-Allow-Methods": allowMethods,
		"Access-Control-Allow-Headers": allowHeaders
	}).end();
}
/** Whether the answer is still ours to write. */
const writable = (res) => !res.headersSent && !res.destroyed && !res.writableEnded;
/** Answers that carry no CORS headers (the test controls). */
const bare = /* @__PURE__ */ new WeakSet();
function json(res, status, body, headers = {}) {
	if (!writable(res)) return;
	if (!bare.has(res) && !res.hasHeader("Access-Control-Allow-Origin")) res.setHeader("Access-Control-Allow-Origin", "*");
	res.writeHead(status, {
		"Content-Type": "application/json",
		...headers
	}).end(JSON.stringify(body));
}
/** Rocket.Chat's thrown error: `"<reason> [<code>]"` with `errorType` (servers.md "Common"). */
function rcError(res, code, reason = "", status = 400, extra = {}) {
	json(res, status, {
		success: false,
		error: reason ? `${reason} [${code}]` : `[${code}]`,
		errorType: code,
		...extra
	});
}
const unauthorized401 = {
	success: false,
	error: "You must be logged in to do this.",
	status: "error",
	message: "You must be logged in to do this."
};
const forbidden403 = {
	success: false,
	error: "unauthorized"
};
var BodyTooLarge = class extends Error {};
/** Reads a whole (small) body as text; past `limit` bytes the rest is drained and BodyTooLarge thrown. */
async function readText(req, limit = 1048576) {
	const chunks = [];
	let size = 0;
	try {
		for await (const chunk of req) {
			size += chunk.length;
			if (size <= limit) chunks.push(chunk);
		}
	} catch {}
	if (size > limit) throw new BodyTooLarge(`Request body larger than ${limit} bytes`);
	return Buffer.concat(chunks).toString("utf8");
}
/** Reads and discards a body (so the client sees the answer, not a reset); never throws. */
async function drain(req) {
	try {
		for await (const _ of req);
	} catch {}
}
/** Slows a stream down to `bytesPerSecond`: the client's upload progress shows it. */
function throttle(bytesPerSecond) {
	const start = Date.now();
	let sent = 0;
	return new Transform({ transform(chunk, _encoding, done) {
		sent += chunk.length;
		const due = start + sent / bytesPerSecond * 1e3;
		const wait = Math.max(0, due - Date.now());
		setTimeout(() => done(null, chunk), wait);
	} });
}
/** The body is not multipart (Rocket.Chat's words: `Missing Content-Type`, `Unsupported content type: …`, `Multipart: Boundary not found`). */
var NotMultipart = class extends Error {};
/** The multipart body is broken (e.g. `Unexpected end of form`). */
var BadMultipart = class extends Error {};
/** The client went away before the body ended. */
var Aborted = class extends Error {};
/** A disk write failed (the storage-fail fault). */
var StorageFailed = class extends Error {};
/** Fields and their size: a body cannot make the server hold more than this in memory. */
const fieldLimits = {
	fields: 100,
	fieldSize: 1048576,
	parts: 200
};
/**
* Streams a multipart body to disk, hashing as it goes: no file is held in memory. Whatever
* happens (a broken or truncated body, a client that hangs up, a failed write) every temporary
* file is closed and deleted before the promise settles, and the rest of the body is drained so
* that an answer can still be read.
*/
function receiveMultipart(req, body, dir, options = {}) {
	return new Promise((resolve, reject) => {
		let parser;
		try {
			parser = busboy({
				headers: req.headers,
				defParamCharset: "utf8",
				limits: {
					...fieldLimits,
					files: options.files ?? Infinity,
					fileSize: options.fileSize ?? Infinity
				}
			});
		} catch (error) {
			drain(body);
			return reject(new NotMultipart(error.message));
		}
		const files = [];
		const outs = [];
		const fields = {};
		const writes = [];
		let tooManyFiles = false;
		let failed;
		let settled = false;
		const cleanUp = async () => {
			for (const out of outs) out.destroy();
			await Promise.all(writes);
			for (const file of files) rmSync(file.path, { force: true });
		};
		const fail = (error) => {
			if (settled) return;
			settled = true;
			body.unpipe(parser);
			parser.removeAllListeners("file");
			parser.on("error", () => void 0);
			parser.destroy();
			if (!(error instanceof Aborted)) drain(body);
			cleanUp().then(() => reject(error));
		};
		parser.on("field", (name, value) => {
			if (name !== "__proto__") fields[name] = value;
		});
		parser.on("filesLimit", () => tooManyFiles = true);
		parser.on("file", (field, stream, info) => {
			const path = join(dir, `part-${Date.now()}-${randomBytes(6).toString("hex")}`);
			const hash = createHash("sha256");
			const file = {
				field,
				name: info.filename ?? "",
				type: info.mimeType ?? "",
				size: 0,
				sha256: "",
				truncated: false,
				path
			};
			files.push(file);
			const out = createWriteStream(options.failWrites ? join(dir, "no-such-folder", "x") : path);
			outs.push(out);
			writes.push(new Promise((done) => {
				out.on("error", (error) => {
					failed ??= error;
					stream.resume();
				});
				out.on("close", () => done());
				stream.on("error", () => out.destroy());
				stream.on("limit", () => file.truncated = true);
				stream.on("data", (chunk) => {
					file.size += chunk.length;
					hash.update(chunk);
				});
				stream.on("end", () => {
					file.sha256 = hash.digest("hex");
				});
				stream.pipe(out);
			}));
		});
		parser.on("error", (error) => fail(new BadMultipart(error.message)));
		parser.on("close", () => {
			if (settled) return;
			Promise.all(writes).then(() => {
				if (settled) return;
				if (failed) return fail(new StorageFailed(`storage: ${failed.message}`));
				settled = true;
				resolve({
					files,
					fields,
					tooManyFiles
				});
			});
		});
		req.on("close", () => {
			if (!req.complete) fail(new Aborted("the client went away"));
		});
		body.on("error", (error) => fail(new Aborted(error.message)));
		body.pipe(parser);
	});
}
/** Lower-case request headers as plain strings. */
function headerRecord(req) {
	const out = {};
	for (const [name, value] of Object.entries(req.headers)) if (value !== void 0) out[name] = Array.isArray(value) ? value.join(", ") : value;
	return out;
}
// demo/server/settings.ts
const defaultSettings = {
	FileUpload_Enabled: true,
	FileUpload_MaxFileSize: 104857600,
	FileUpload_MediaTypeWhiteList: "",
	FileUpload_MediaTypeBlackList: "image/svg+xml",
	FileUpload_Enabled_Direct: true,
	FileUpload_ProtectFiles: true,
	FileUpload_Restrict_to_room_members: true,
	Livechat_fileupload_enabled: true,
	Message_MaxAllowedSize: 5e3,
	Message_CustomFields_Enabled: false,
	Message_CustomFields: "",
	Message_Attachments_Thumbnails_Enabled: true,
	Message_Attachments_Thumbnails_Width: 480,
	Message_Attachments_Thumbnails_Height: 360,
	Threads_enabled: true,
	E2E_Enable: false,
	E2E_Enable_Encrypt_Files: true,
	E2E_Allow_Unencrypted_Messages: false,
	API_Enable_CORS: false,
	API_CORS_Origin: "*",
	API_Enable_Rate_Limiter: true,
	API_Enable_Rate_Limiter_Limit_Calls_Default: 10,
	API_Enable_Rate_Limiter_Limit_Time_Default: 6e4
};
/** The settings `settings.public` serves (Rocket.Chat marks these `public: true`); the API_* ones are private. */
const publicSettings = /* @__PURE__ */ new Set([
	"FileUpload_Enabled",
	"FileUpload_MaxFileSize",
	"FileUpload_MediaTypeWhiteList",
	"FileUpload_MediaTypeBlackList",
	"FileUpload_Enabled_Direct",
	"FileUpload_ProtectFiles",
	"Message_MaxAllowedSize",
	"Message_CustomFields_Enabled",
	"Message_Attachments_Thumbnails_Enabled",
	"Message_Attachments_Thumbnails_Width",
	"Message_Attachments_Thumbnails_Height",
	"Threads_enabled",
	"E2E_Enable",
	"E2E_Enable_Encrypt_Files",
	"E2E_Allow_Unencrypted_Messages"
]);
/** Keeps only known settings whose value has the default's type; returns what was refused. */
function validSettings(input) {
	const ok = {};
	const refused = [];
	for (const [key, value] of Object.entries(input)) if (key in defaultSettings && typeof value === typeof defaultSettings[key]) ok[key] = value;
	else refused.push(key);
	return {
		ok,
		refused
	};
}
/**
* The file-name table: extension → type, from mime-db for the types people send, plus
* Rocket.Chat's own extras (`lst`). Used only when the declared type says nothing.
*/
const byExtension = {
	png: "image/png",
	jpg: "image/jpeg",
	jpeg: "image/jpeg",
	jpe: "image/jpeg",
	gif: "image/gif",
	webp: "image/webp",
	svg: "image/svg+xml",
	svgz: "image/svg+xml",
	bmp: "image/bmp",
	ico: "image/x-icon",
	tif: "image/tiff",
	tiff: "image/tiff",
	heic: "image/heic",
	heif: "image/heif",
	avif: "image/avif",
	apng: "image/apng",
	pdf: "application/pdf",
	txt: "text/plain",
	text: "text/plain",
	log: "text/plain",
	conf: "text/plain",
	ini: "text/plain",
	lst: "text/plain",
	list: "text/plain",
	md: "text/markdown",
	markdown: "text/markdown",
	html: "text/html",
	htm: "text/html",
	shtml: "text/html",
	xhtml: "application/xhtml+xml",
	xml: "application/xml",
	css: "text/css",
	csv: "text/csv",
	tsv: "text/tab-separated-values",
	ics: "text/calendar",
	vcf: "text/vcard",
	js: "text/javascript",
	mjs: "text/javascript",
	json: "application/json",
	yaml: "text/yaml",
	yml: "text/yaml",
	rtf: "application/rtf",
	zip: "application/zip",
	gz: "application/gzip",
	tar: "application/x-tar",
	"7z": "application/x-7z-compressed",
	rar: "application/vnd.rar",
	bz2: "application/x-bzip2",
	mp4: "video/mp4",
	m4v: "video/mp4",
	mov: "video/quicktime",
	webm: "video/webm",
	mkv: "video/x-matroska",
	avi: "video/x-msvideo",
	ogv: "video/ogg",
	mp3: "audio/mpeg",
	m4a: "audio/mp4",
	aac: "audio/aac",
	wav: "audio/wav",
	ogg: "audio/ogg",
	oga: "audio/ogg",
	flac: "audio/flac",
	opus: "audio/ogg",
	weba: "audio/webm",
	doc: "application/msword",
	dot: "application/msword",
	docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	xls: "application/vnd.ms-excel",
	xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	ppt: "application/vnd.ms-powerpoint",
	pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
	odt: "application/vnd.oasis.opendocument.text",
	ods: "application/vnd.oasis.opendocument.spreadsheet",
	odp: "application/vnd.oasis.opendocument.presentation",
	epub: "application/epub+zip",
	wasm: "application/wasm",
	exe: "application/x-msdownload",
	dmg: "application/x-apple-diskimage",
	apk: "application/vnd.android.package-archive",
	bin: "application/octet-stream",
	drawio: "application/vnd.jgraph.mxfile",
	woff: "font/woff",
	woff2: "font/woff2",
	ttf: "font/ttf",
	otf: "font/otf",
	eml: "message/rfc822",
	sh: "application/x-sh"
};
const knownTypes = /* @__PURE__ */ new Set([
	...Object.values(byExtension),
	"text/xml",
	"image/jpg",
	"audio/mp3",
	"audio/x-wav",
	"application/x-zip-compressed"
]);
/** The type the name says, or undefined. */
function typeFromName(name) {
	const dot = name.lastIndexOf(".");
	return dot < 0 ? void 0 : byExtension[name.slice(dot + 1).toLowerCase()];
}
/**
* The type the server goes by (Rocket.Chat's getMimeType): an empty, `application/octet-stream`
* or unknown type is replaced by the name's; a known type is kept (R8).
*/
function effectiveType(type, name) {
	const t = (type || "").toLowerCase().split(";")[0].trim();
	if (t && t !== "application/octet-stream" && knownTypes.has(t)) return t;
	return typeFromName(name) ?? (t || "application/octet-stream");
}
function list(value) {
	return value.split(",").map((entry) => entry.trim().toLowerCase()).filter(Boolean);
}
function matches(type, entry) {
	if (entry === "*" || entry === "*/*") return true;
	return entry.endsWith("/*") ? type.startsWith(entry.slice(0, -1)) : type === entry;
}
/** A type on the black list is refused; an empty type only when a white list is set. */
function typeAllowed(settings, type, skipWhiteList = false) {
	const blocked = list(settings.FileUpload_MediaTypeBlackList);
	if (type && blocked.some((entry) => matches(type, entry))) return false;
	const allowed = list(settings.FileUpload_MediaTypeWhiteList);
	if (skipWhiteList || !allowed.length) return true;
	return Boolean(type) && allowed.some((entry) => matches(type, entry));
}
/** The parser's limit (bytes) for a flow: `undefined` = none. Livechat reads 0 as 100 MiB here. */
function parserLimit(settings, flow) {
	const max = settings.FileUpload_MaxFileSize;
	if (flow === "livechat" && max === 0) return 104857600;
	return max > 0 ? max : void 0;
}
/** `File size exceeds upload limit of 0 B.`: the store's check, which a limit of 0 reaches in both flows. */
function formatBytes(bytes) {
	if (bytes < 1024) return `${bytes} B`;
	const units = [
		"KB",
		"MB",
		"GB",
		"TB"
	];
	let value = bytes;
	let unit = -1;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit++;
	}
	return `${Number(value.toFixed(2))} ${units[unit]}`;
}
// demo/server/seed.ts
/**
* The identities and rooms the reference server starts with. Imports nothing, so that the demo
* page and the browser tests can read it too.
*/
const seed = {
	user: {
		id: "demo-user",
		username: "demo",
		token: "demo-token"
	},
	otherUser: {
		id: "other-user",
		username: "other",
		token: "other-token"
	},
	/** both users are members */
	room: "GENERAL",
	/** only `other` is a member */
	privateRoom: "private-room",
	visitor: {
		token: "demo-visitor",
		room: "livechat-demo"
	},
	otherVisitor: {
		token: "other-visitor",
		room: "livechat-other"
	},
	/** the demo visitor's, closed */
	closedLivechatRoom: "livechat-closed",
	single: {
		token: "demo-single-token",
		/** a token whose user does not exist (S7) */
		ghostToken: "ghost-single-token",
		room: "GENERAL",
		foreignRoom: "private-room"
	}
};
// demo/server/store.ts
/** What the reference server keeps: rooms, uploaded files (on disk), messages and counters. */
const newId = () => randomBytes(9).toString("base64url");
/** How long an unconfirmed upload lives (Rocket.Chat: 24 hours). */
const uploadLifetime = 864e5;
/** Headers whose values are credentials: `state` shows a fingerprint of them, never the value. */
const secretHeaders = /* @__PURE__ */ new Set([
	"x-auth-token",
	"authorization",
	"x-visitor-token",
	"cookie",
	"x-2fa-code"
]);
/** What `state` shows for a credential: `masked:` and 16 hex digits of its SHA-256. */
const maskSecret = (value) => `masked:${createHash("sha256").update(value).digest("hex").slice(0, 16)}`;
/** The longest text a record keeps of one value (the rest of a large field is not held after the request). */
const recordedLength = 16384;
function recordable(headers) {
	const out = {};
	for (const [name, value] of Object.entries(headers)) out[name] = secretHeaders.has(name) ? maskSecret(value) : value.slice(0, recordedLength);
	return out;
}
function recordableFields(fields) {
	return Object.fromEntries(Object.entries(fields).slice(0, 50).map(([name, value]) => [name, value.slice(0, recordedLength)]));
}
var Store = class {
	dir;
	baseSettings;
	settings;
	rooms = /* @__PURE__ */ new Map();
	files = /* @__PURE__ */ new Map();
	users = /* @__PURE__ */ new Map();
	/** single flow: token → user ID (the ghost token's user does not exist: S7) */
	singleTokens = /* @__PURE__ */ new Map();
	messages = /* @__PURE__ */ new Map();
	uploads = /* @__PURE__ */ new Map();
	confirms = /* @__PURE__ */ new Map();
	counts = /* @__PURE__ */ new Map();
	/** added to the real clock by `PUT /_test/clock` (ms) */
	clockOffset = 0;
	constructor(dir, baseSettings = defaultSettings) {
		this.dir = dir;
		this.baseSettings = baseSettings;
		this.settings = { ...baseSettings };
		mkdirSync(dir, { recursive: true });
		for (const user of [seed.user, seed.otherUser]) this.users.set(user.id, {
			_id: user.id,
			username: user.username,
			name: user.username,
			token: user.token,
			permissions: /* @__PURE__ */ new Set()
		});
		this.addRoom({
			_id: seed.room,
			t: "c",
			members: /* @__PURE__ */ new Set([seed.user.id, seed.otherUser.id])
		});
		this.addRoom({
			_id: seed.privateRoom,
			t: "p",
			members: /* @__PURE__ */ new Set([seed.otherUser.id])
		});
		this.addRoom({
			_id: seed.visitor.room,
			t: "l",
			members: /* @__PURE__ */ new Set(),
			visitorToken: seed.visitor.token,
			open: true
		});
		this.addRoom({
			_id: seed.otherVisitor.room,
			t: "l",
			members: /* @__PURE__ */ new Set(),
			visitorToken: seed.otherVisitor.token,
			open: true
		});
		this.addRoom({
			_id: seed.closedLivechatRoom,
			t: "l",
			members: /* @__PURE__ */ new Set(),
			visitorToken: seed.visitor.token,
			open: false
		});
		this.singleTokens.set(seed.single.token, seed.user.id);
		this.singleTokens.set(seed.single.ghostToken, "no-such-user");
	}
	/** The server's clock (ms), which tests may move forward. */
	now() {
		return Date.now() + this.clockOffset;
	}
	addRoom(room) {
		this.rooms.set(room._id, room);
		return room;
	}
	/** The user whose `X-User-Id` and `X-Auth-Token` these are. */
	userBy(id, token) {
		const user = id ? this.users.get(id) : void 0;
		return user && token && user.token === token ? user : void 0;
	}
	userByName(username) {
		return [...this.users.values()].find((user) => user.username === username);
	}
	/** Rocket.Chat's canAccessRoom: public channels are open to every user; other rooms to members. */
	canAccess(room, userId) {
		if (!room || room.t === "l") return false;
		return room.t === "c" || room.members.has(userId);
	}
	count(rid, route) {
		const counts = this.counts.get(rid) ?? {};
		counts[route] = (counts[route] ?? 0) + 1;
		this.counts.set(rid, counts);
	}
	/** Moves a received file into storage under a new file ID; rooms uploads stay temporary until confirmed. */
	keep(received, rid, owner = {}) {
		this.expire();
		const _id = newId();
		const path = join(this.dir, _id);
		renameSync(received.path, path);
		const file = {
			_id,
			name: received.name,
			type: received.type,
			size: received.size,
			path,
			rid,
			userId: owner.userId,
			visitorToken: owner.visitorToken,
			encrypted: owner.encrypted,
			confirmed: !owner.temporary,
			expiresAt: owner.temporary ? this.now() + uploadLifetime : void 0
		};
		this.files.set(_id, file);
		return file;
	}
	/** Stores bytes made by the server (a thumbnail) as a confirmed file. */
	keepBytes(bytes, name, type, rid, userId) {
		const _id = newId();
		const path = join(this.dir, _id);
		writeFileSync(path, bytes);
		const file = {
			_id,
			name,
			type,
			size: bytes.length,
			path,
			rid,
			userId,
			confirmed: true
		};
		this.files.set(_id, file);
		return file;
	}
	/** Drops unconfirmed uploads whose time is up, as Rocket.Chat's temporary-upload cleanup does. */
	expire() {
		const now = this.now();
		for (const file of this.files.values()) if (!file.confirmed && file.expiresAt !== void 0 && file.expiresAt <= now) {
			this.files.delete(file._id);
			rmSync(file.path, { force: true });
		}
	}
	/** Deletes received files that are not kept. */
	discard(files) {
		for (const file of files) rmSync(file.path, { force: true });
	}
	record(map, rid, entry) {
		map.set(rid, [...map.get(rid) ?? [], entry]);
	}
	post(message) {
		this.record(this.messages, message.rid, message);
		return message;
	}
	state(rid) {
		return {
			counts: this.counts.get(rid) ?? {},
			uploads: this.uploads.get(rid) ?? [],
			confirms: this.confirms.get(rid) ?? [],
			messages: this.messages.get(rid) ?? []
		};
	}
};
/** The path a stored file is served under (relative, as Rocket.Chat answers it: R1; `encodeURI`). */
function fileUrl(file) {
	return `/file-upload/${file._id}/${encodeURI(file.name)}`;
}
// demo/server/control.ts
var BadRequest = class extends Error {};
async function body(ctx) {
	let text;
	try {
		text = await readText(ctx.body);
	} catch (error) {
		if (error instanceof BodyTooLarge) throw new BadRequest(error.message);
		throw error;
	}
	if (!text) return {};
	let value;
	try {
		value = JSON.parse(text);
	} catch {
		throw new BadRequest("the body is not JSON");
	}
	if (!value || typeof value !== "object" || Array.isArray(value)) throw new BadRequest("the body must be a JSON object");
	return value;
}
const loopback = (address) => address === "127.0.0.1" || address === "::1" || address === "::ffff:127.0.0.1" || Boolean(address?.startsWith("127."));
/** Why this caller may not use the controls, or undefined. */
function refusal(ctx) {
	if (!loopback(ctx.req.socket.remoteAddress)) return "The test controls answer only this machine.";
	if (ctx.headers.origin !== void 0 || ctx.headers["sec-fetch-site"] !== void 0) return "The test controls do not answer web pages.";
	if (ctx.req.method !== "GET" && ctx.req.method !== "DELETE" && ctx.headers["content-length"] !== "0" && ctx.headers["content-type"] !== void 0 && !ctx.headers["content-type"].startsWith("application/json")) return "The test controls take JSON bodies only.";
}
const control = async (ctx) => {
	const { store, res, req, url } = ctx;
	bare.add(res);
	const refused = refusal(ctx);
	if (refused) {
		await drain(ctx.body);
		return json(res, 403, {
			success: false,
			error: refused
		});
	}
	const reply = (status, payload) => json(res, status, payload);
	try {
		switch (`${req.method} ${ctx.params[0]}`) {
			case "POST rooms": {
				const spec = await body(ctx);
				const livechat = spec.livechat;
				if (livechat) return reply(200, { rid: store.addRoom({
					_id: `lc-${newId()}`,
					t: "l",
					members: /* @__PURE__ */ new Set(),
					visitorToken: livechat.token,
					open: livechat.open ?? true
				})._id });
				const names = spec.members ?? ["demo"];
				const members = new Set(names.map((name) => store.userByName(name)?._id).filter((id) => Boolean(id)));
				const t = [
					"c",
					"p",
					"d"
				].find((kind) => kind === spec.t) ?? "p";
				const room = {
					_id: `room-${newId()}`,
					t,
					members,
					ro: spec.ro === true,
					muted: Array.isArray(spec.muted) ? spec.muted.map(String) : void 0,
					encrypted: spec.encrypted === true
				};
				store.addRoom(room);
				return reply(200, { rid: room._id });
			}
			case "PUT permissions": {
				const spec = await body(ctx);
				const user = store.userByName(String(spec.user ?? "")) ?? store.users.get(String(spec.user ?? ""));
				if (!user) return reply(400, {
					success: false,
					error: "no such user"
				});
				for (const permission of spec.add ?? []) user.permissions.add(String(permission));
				for (const permission of spec.remove ?? []) user.permissions.delete(String(permission));
				return reply(200, {
					user: user.username,
					permissions: [...user.permissions]
				});
			}
			case "POST faults": try {
				return reply(200, { id: ctx.faults.add(await body(ctx)).id });
			} catch (error) {
				return reply(400, { error: error.message });
			}
			case "DELETE faults":
				await drain(ctx.body);
				ctx.faults.clear();
				return reply(200, { success: true });
			case "GET state": return reply(200, store.state(url.searchParams.get("rid") ?? ""));
			case "PUT settings": {
				const { ok, refused: unknown } = validSettings(await body(ctx));
				if (unknown.length) return reply(400, {
					success: false,
					error: `unknown settings or wrong types: ${unknown.join(", ")}`
				});
				store.settings = {
					...store.settings,
					...ok
				};
				return reply(200, store.settings);
			}
			case "DELETE settings":
				await drain(ctx.body);
				store.settings = { ...store.baseSettings };
				for (const user of store.users.values()) user.permissions.clear();
				return reply(200, store.settings);
			case "PUT clock": {
				const spec = await body(ctx);
				const advance = Number(spec.advance ?? 0);
				if (!Number.isFinite(advance) || advance < 0) return reply(400, {
					success: false,
					error: "advance must be a number of milliseconds, not negative"
				});
				store.clockOffset += advance;
				store.expire();
				return reply(200, { now: store.now() });
			}
			case "DELETE ratelimit":
				await drain(ctx.body);
				ctx.limiter.reset();
				return reply(200, { success: true });
			default:
				await drain(ctx.body);
				return reply(404, {
					success: false,
					error: "Not found"
				});
		}
	} catch (error) {
		if (error instanceof BadRequest) return reply(400, {
			success: false,
			error: error.message
		});
		throw error;
	}
};
// demo/server/faults.ts
const kinds = /* @__PURE__ */ new Set([
	"status",
	"redirect",
	"delay",
	"drop",
	"stall",
	"hang",
	"lose-answer",
	"throttle",
	"storage-fail"
]);
var Faults = class {
	#list = [];
	#next = 1;
	/** Arms a fault; throws for a spec that is not one. */
	add(spec) {
		if (!spec.route || !spec.kind || !kinds.has(spec.kind)) throw new Error("a fault needs a route and a known kind");
		if (spec.kind === "redirect" && typeof spec.location !== "string") throw new Error("a redirect fault needs a location");
		if (spec.errorLength !== void 0 && !(Number.isInteger(spec.errorLength) && spec.errorLength >= 0 && spec.errorLength <= 67108864)) throw new Error("errorLength must be a whole number of characters up to 64 MiB");
		const fault = {
			...spec,
			route: spec.route,
			kind: spec.kind,
			times: spec.times ?? 1,
			id: this.#next++
		};
		this.#list.push(fault);
		return fault;
	}
	clear() {
		this.#list = [];
	}
	/** The fault this request gets, if any (used up one time). */
	take(route, rid) {
		const fault = this.#list.find((f) => f.route === route && (f.rid === void 0 || route === "upload_file" || f.rid === rid));
		if (!fault) return void 0;
		if (--fault.times <= 0) this.#list.splice(this.#list.indexOf(fault), 1);
		return fault;
	}
};
// demo/server/files.ts
/**
* Serving stored files as Rocket.Chat's Uploads store does: protected (FileUpload_ProtectFiles:
* credentials; FileUpload_Restrict_to_room_members: membership; visitors by `rc_token`), always
* as a download (`Content-Disposition: attachment`), never sniffed, and sandboxed, so that no
* uploaded page (HTML, XHTML, SVG sent as any type) runs script on the server's origin.
*/
function cookies(header) {
	const out = {};
	for (const part of (header ?? "").split(";")) {
		const at = part.indexOf("=");
		if (at > 0) out[part.slice(0, at).trim()] = decodeURIComponent(part.slice(at + 1).trim());
	}
	return out;
}
/** Rocket.Chat's requestCanAccessFiles: headers, cookies or query for users; `rc_token` + `rc_rid` for visitors. */
function canRead(store, file, headers, query) {
	const s = store.settings;
	if (!s.FileUpload_ProtectFiles) return true;
	const jar = cookies(headers.cookie);
	const uid = headers["x-user-id"] ?? query.get("rc_uid") ?? jar.rc_uid;
	const token = headers["x-auth-token"] ?? query.get("rc_token") ?? jar.rc_token;
	const user = store.userBy(uid ?? void 0, token ?? void 0);
	if (user) {
		if (!s.FileUpload_Restrict_to_room_members) return true;
		const room = store.rooms.get(file.rid);
		return Boolean(room && room.members.has(user._id));
	}
	const rid = query.get("rc_rid") ?? jar.rc_rid;
	if (token && rid === file.rid) {
		const room = store.rooms.get(rid);
		return Boolean(room && room.t === "l" && room.visitorToken === token);
	}
	return false;
}
const serveFile = async ({ store, res, params, headers, url }) => {
	res.setHeader("Access-Control-Allow-Origin", "*");
	store.expire();
	const file = store.files.get(params[0]);
	if (!file || !existsSync(file.path)) {
		res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("Not found");
		return;
	}
	if (!canRead(store, file, headers, url.searchParams)) {
		res.writeHead(403, { "Content-Type": "text/plain; charset=utf-8" }).end("Forbidden");
		return;
	}
	res.writeHead(200, {
		"Content-Type": file.type || "application/octet-stream",
		"Content-Length": String(file.size),
		"Content-Disposition": `attachment; filename="${encodeURIComponent(file.name)}"`,
		"X-Content-Type-Options": "nosniff",
		"Content-Security-Policy": "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'",
		"Cache-Control": "private, max-age=0"
	});
	const stream = createReadStream(file.path);
	stream.on("error", () => res.destroy());
	res.on("close", () => stream.destroy());
	stream.pipe(res);
};
// demo/server/images.ts
/**
* What the server learns from an image's first bytes (its format and size), and the small PNGs
* it makes for thumbnails and previews. Rocket.Chat uses sharp; reading headers is enough here.
*/
/** The types Rocket.Chat treats as images it can preview (isImagePreviewSupported). */
const previewable = {
	"image/png": "png",
	"image/jpeg": "jpeg",
	"image/gif": "gif",
	"image/webp": "webp",
	"image/bmp": "bmp",
	"image/svg+xml": "svg"
};
const isPreviewableImage = (type) => type in previewable;
function head(path, length = 262144) {
	const fd = openSync(path, "r");
	try {
		const buf = Buffer.alloc(length);
		return buf.subarray(0, readSync(fd, buf, 0, length, 0));
	} finally {
		closeSync(fd);
	}
}
function jpegSize(buf) {
	let i = 2;
	while (i + 9 < buf.length) {
		if (buf[i] !== 255) return void 0;
		const marker = buf[i + 1];
		const length = buf.readUInt16BE(i + 2);
		if (marker >= 192 && marker <= 207 && ![
			196,
			200,
			204
		].includes(marker)) return {
			height: buf.readUInt16BE(i + 5),
			width: buf.readUInt16BE(i + 7)
		};
		i += 2 + length;
	}
}
/** The format and size of a stored image, when its header says so. */
function imageInfo(path, type) {
	const format = previewable[type];
	if (!format) return void 0;
	if (format === "svg") return { format };
	let buf;
	try {
		buf = head(path);
	} catch {
		return { format };
	}
	let size;
	if (format === "png" && buf.length >= 24 && buf.toString("ascii", 12, 16) === "IHDR") size = {
		width: buf.readUInt32BE(16),
		height: buf.readUInt32BE(20)
	};
	else if (format === "gif" && buf.length >= 10) size = {
		width: buf.readUInt16LE(6),
		height: buf.readUInt16LE(8)
	};
	else if (format === "bmp" && buf.length >= 26) size = {
		width: buf.readInt32LE(18),
		height: Math.abs(buf.readInt32LE(22))
	};
	else if (format === "jpeg" && buf[0] === 255 && buf[1] === 216) size = jpegSize(buf);
	else if (format === "webp" && buf.length >= 30 && buf.toString("ascii", 12, 16) === "VP8X") size = {
		width: 1 + buf.readUIntLE(24, 3),
		height: 1 + buf.readUIntLE(27, 3)
	};
	else if (format === "webp" && buf.length >= 30 && buf.toString("ascii", 12, 16) === "VP8 ") size = {
		width: buf.readUInt16LE(26) & 16383,
		height: buf.readUInt16LE(28) & 16383
	};
	return {
		format,
		...size
	};
}
const crcTable = (/* @__PURE__ */ new Uint32Array(256)).map((_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 3988292384 ^ c >>> 1 : c >>> 1;
	return c >>> 0;
});
function crc32(buf) {
	let c = 4294967295;
	for (const b of buf) c = crcTable[(c ^ b) & 255] ^ c >>> 8;
	return (c ^ 4294967295) >>> 0;
}
/** A PNG of one colour: the thumbnail of an SVG (served as image/png, as Rocket.Chat's is). */
function plainPng(width, height, rgb = [
	200,
	200,
	200
]) {
	const chunk = (type, data) => {
		const length = Buffer.alloc(4);
		length.writeUInt32BE(data.length);
		const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
		const crc = Buffer.alloc(4);
		crc.writeUInt32BE(crc32(body));
		return Buffer.concat([
			length,
			body,
			crc
		]);
	};
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(width, 0);
	ihdr.writeUInt32BE(height, 4);
	ihdr[8] = 8;
	ihdr[9] = 2;
	const row = Buffer.alloc(1 + width * 3);
	for (let x = 0; x < width; x++) row.set(rgb, 1 + x * 3);
	const raw = Buffer.concat(Array.from({ length: height }, () => row));
	return Buffer.concat([
		Buffer.from([
			137,
			80,
			78,
			71,
			13,
			10,
			26,
			10
		]),
		chunk("IHDR", ihdr),
		chunk("IDAT", deflateSync(raw)),
		chunk("IEND", Buffer.alloc(0))
	]);
}
/** The base64 preview Rocket.Chat puts in `image_preview` (a tiny blurred image; here a tiny plain one). */
const previewBase64 = () => plainPng(4, 3).toString("base64");
// demo/server/rooms.ts
/**
* rooms (Rocket.Chat): `rooms.media` keeps a temporary upload and answers its ID (R1–R10);
* `rooms.mediaConfirm` posts the message (R11–R17). servers.md "rooms — two steps" and its
* corrections; the checks run in Rocket.Chat's order (rc-fidelity.md).
*/
/** Auth (R2, R12), then room access (R3, R13). The body is drained first, so the answer is readable. */
async function access(ctx) {
	const { store, headers, res } = ctx;
	const user = store.userBy(headers["x-user-id"], headers["x-auth-token"]);
	if (!user) {
		await drain(ctx.body);
		json(res, 401, unauthorized401);
		return;
	}
	const room = store.rooms.get(ctx.params[0]);
	if (!store.canAccess(room, user._id)) {
		await drain(ctx.body);
		json(res, 403, forbidden403);
		return;
	}
	return {
		user,
		room
	};
}
/** Answers a failed multipart read as Rocket.Chat does (nothing, when the client is gone). */
function multipartFailure(ctx, error) {
	if (error instanceof Aborted) return;
	if (error instanceof NotMultipart || error instanceof BadMultipart) return json(ctx.res, 400, {
		success: false,
		error: error.message
	});
	if (error instanceof StorageFailed) return json(ctx.res, 500, {
		success: false,
		error: error.message
	});
	throw error;
}
/**
* The store's checks of a new upload (Rocket.Chat's validateFileUpload, then the store filter's
* minimum size): returns the error to answer, or undefined.
*/
function uploadRefusal(settings, room, file, type, encrypted) {
	if (!settings.FileUpload_Enabled) return ["error-file-upload-disabled", "File uploads are disabled."];
	if (room.t === "d" && !settings.FileUpload_Enabled_Direct) return ["error-direct-message-file-upload-not-allowed", "File sharing not allowed in direct messages."];
	const max = settings.FileUpload_MaxFileSize;
	if (max > -1 && file.size > max) return ["error-file-too-large", `File size exceeds upload limit of ${formatBytes(max)}.`];
	if (encrypted && !settings.E2E_Enable_Encrypt_Files) return ["error-invalid-file-type", "File type is not accepted."];
	if (!typeAllowed(settings, type, encrypted)) return ["error-invalid-file-type", "File type is not accepted."];
	if (file.size < 1) return ["file-too-small", `File size (size = ${file.size}) is too small (min = 1)`];
}
const media = async (ctx) => {
	const { store, res } = ctx;
	const allowed = await access(ctx);
	if (!allowed) return;
	const settings = store.settings;
	const limit = parserLimit(settings, "rooms");
	let received;
	try {
		received = await receiveMultipart(ctx.req, ctx.body, store.dir, {
			files: 1,
			fileSize: limit === void 0 ? void 0 : limit + 1,
			failWrites: ctx.failWrites
		});
	} catch (error) {
		return multipartFailure(ctx, error);
	}
	const { files, fields } = received;
	const reject = (code, reason = "") => {
		store.discard(files);
		rcError(res, code, reason);
	};
	if (files.some((file) => file.field !== "file")) return reject("invalid-field");
	if (received.tooManyFiles) return reject("error-too-many-files", "Too many files in upload");
	const [file] = files;
	if (file?.truncated) return reject("error-file-too-large", "File size exceeds the allowed limit");
	if (!file) return reject("error-no-file", "No file uploaded");
	let encrypted = false;
	if (fields.content !== void 0) try {
		JSON.parse(fields.content);
		encrypted = true;
	} catch {
		return reject("invalid-field-content");
	}
	const type = encrypted ? "application/octet-stream" : effectiveType(file.type, file.name);
	const refusal = uploadRefusal(settings, allowed.room, file, type, encrypted);
	if (refusal) return reject(...refusal);
	const stored = store.keep({
		...file,
		type
	}, allowed.room._id, {
		userId: allowed.user._id,
		temporary: true,
		encrypted
	});
	store.record(store.uploads, allowed.room._id, {
		fileId: stored._id,
		rid: allowed.room._id,
		route: "rooms.media",
		name: file.name,
		type,
		size: file.size,
		sha256: file.sha256,
		fields: recordableFields(fields),
		headers: recordable(ctx.headers)
	});
	json(res, 200, {
		file: {
			_id: stored._id,
			url: fileUrl(stored)
		},
		success: true
	});
};
/** The thumbnail Rocket.Chat makes: only for images beyond the thumbnail box, or SVGs; its own upload. */
function thumbnail(store, file, info) {
	const s = store.settings;
	if (!s.Message_Attachments_Thumbnails_Enabled) return void 0;
	const name = `thumb-${file.name}`;
	if (info.format === "svg") return store.keepBytes(plainPng(48, 24), name, "image/png", file.rid, file.userId);
	if (info.width === void 0 || info.height === void 0) return void 0;
	if (info.width <= s.Message_Attachments_Thumbnails_Width && info.height <= s.Message_Attachments_Thumbnails_Height) return void 0;
	const thumb = store.keepBytes(Buffer.alloc(0), name, file.type, file.rid, file.userId);
	copyFileSync(file.path, thumb.path);
	thumb.size = file.size;
	return thumb;
}
const fileEntry = (file, format) => ({
	_id: file._id,
	name: file.name,
	type: file.type,
	size: file.size,
	format,
	typeGroup: file.type.split("/")[0]
});
/** The files and attachment Rocket.Chat 8.x builds for a file (parseFileIntoMessageAttachments). */
function fileParts(store, file, description, flow) {
	const link = fileUrl(file);
	const base = {
		ts: new Date(store.now()).toISOString(),
		title: file.name,
		title_link: link,
		title_link_download: true,
		type: "file"
	};
	const info = !file.encrypted && isPreviewableImage(file.type) ? imageInfo(file.path, file.type) : void 0;
	if (!info) {
		const attachment = {
			...base,
			...flow === "rooms" ? { fileId: file._id } : {},
			description,
			format: file.name.includes(".") ? file.name.split(".").pop().toUpperCase() : "",
			size: file.size
		};
		return {
			files: [fileEntry(file, "")],
			attachment
		};
	}
	if (flow === "livechat") {
		const attachment = {
			...base,
			image_url: link,
			image_type: file.type,
			image_size: file.size,
			description,
			...info.width ? { image_dimensions: {
				width: info.width,
				height: info.height
			} } : {}
		};
		return {
			files: [fileEntry(file, info.format)],
			attachment
		};
	}
	const thumb = thumbnail(store, file, info);
	const attachment = {
		...base,
		fileId: file._id,
		image_url: thumb ? fileUrl(thumb) : link,
		image_type: file.type,
		image_size: file.size,
		image_dimensions: info.width ? {
			width: info.width,
			height: info.height
		} : void 0,
		image_preview: previewBase64()
	};
	if (description) attachment.image_alt = description;
	return {
		files: thumb ? [fileEntry(file, info.format), fileEntry(thumb, thumb.type === "image/png" ? "png" : info.format)] : [fileEntry(file, info.format)],
		attachment
	};
}
/** The keys the confirm body's Match check knows, with their types (sendFileMessage). */
const matchKeys = {
	avatar: "string",
	emoji: "string",
	alias: "string",
	groupable: "boolean",
	msg: "string",
	tmid: "string",
	customFields: "string",
	t: "string",
	content: "content"
};
const typeName = (value) => value === null ? "null" : Array.isArray(value) ? "object" : typeof value;
/** Meteor's Match error for a confirm body, or undefined. */
function matchError(body) {
	for (const [key, value] of Object.entries(body)) {
		const want = matchKeys[key];
		if (!want) return `Match error: Unknown key in field ${key}`;
		if (value === void 0 || value === null) continue;
		if (want === "content") {
			if (typeof value !== "object" || Array.isArray(value)) return `Match error: Expected object, got ${typeName(value)} in field content`;
			for (const part of ["algorithm", "ciphertext"]) {
				const got = value[part];
				if (typeof got !== "string") return `Match error: Expected string, got ${typeName(got)} in field content.${part}`;
			}
		} else if (typeof value !== want) return `Match error: Expected ${want}, got ${typeName(value)} in field ${key}`;
	}
}
/** The part of JSON Schema that Message_CustomFields uses: type, properties, required, additionalProperties, enum. */
function schemaError(schema, value, path = "") {
	const where = path || "data";
	if (schema.enum && !schema.enum.some((entry) => JSON.stringify(entry) === JSON.stringify(value))) return `${where} must be equal to one of the allowed values`;
	if (schema.type) {
		const type = value === null ? "null" : Array.isArray(value) ? "array" : Number.isInteger(value) && schema.type === "integer" ? "integer" : typeof value;
		if (type !== schema.type && !(schema.type === "number" && type === "integer")) return `${where} must be ${schema.type}`;
	}
	if (value && typeof value === "object" && !Array.isArray(value)) {
		const record = value;
		for (const key of schema.required ?? []) if (!(key in record)) return `${where} must have required property '${key}'`;
		for (const [key, item] of Object.entries(record)) {
			const sub = schema.properties?.[key];
			if (sub) {
				const error = schemaError(sub, item, `${where}/${key}`);
				if (error) return error;
			} else if (schema.additionalProperties === false) return `${where} must NOT have additional properties`;
		}
	}
}
const plain = (error) => ({
	status: 400,
	body: {
		success: false,
		error
	}
});
const coded = (code, reason, details) => ({
	status: 400,
	body: {
		success: false,
		error: reason ? `${reason} [${code}]` : `[${code}]`,
		errorType: code,
		...details ? { details } : {}
	}
});
/** executeSendMessage, canSendMessage and validateMessage: what refuses a message at confirm, after the bytes are up. */
function messageRefusal(store, room, user, body) {
	const s = store.settings;
	if (body.tmid && !s.Threads_enabled) return coded("error-not-allowed", "not-allowed", { method: "sendMessage" });
	if (typeof body.msg === "string" && body.msg.length > s.Message_MaxAllowedSize) return coded("error-message-size-exceeded", "Message size exceeds Message_MaxAllowedSize", { method: "sendMessage" });
	if (room.ro && !user.permissions.has("post-readonly")) return plain("You can't send messages because the room is readonly.");
	if (room.muted?.includes(user.username)) return plain("You_have_been_muted");
	if (room.encrypted && s.E2E_Enable && !s.E2E_Allow_Unencrypted_Messages && body.t !== "e2e") return coded("error-not-allowed", "Not allowed to send un-encrypted messages in an encrypted room", { method: "sendMessage" });
	if ((body.alias || body.avatar) && !user.permissions.has("message-impersonate")) return plain("Not enough permission");
	if (body.customFields !== void 0) {
		if (!s.Message_CustomFields_Enabled) return plain("Custom fields not enabled");
		let schema;
		try {
			schema = JSON.parse(s.Message_CustomFields);
		} catch {
			return plain("Invalid custom fields config");
		}
		const error = schemaError(schema, body.customFields);
		if (error) return plain(`Invalid custom fields message: ${error}`);
	}
}
/** Caps the strings a record keeps, so a large body is not held after its request. */
function capped(value) {
	if (typeof value === "string") return value.slice(0, 16384);
	if (Array.isArray(value)) return value.slice(0, 50).map(capped);
	if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).slice(0, 50).map(([k, v]) => [k, capped(v)]));
	return value;
}
const mediaConfirm = async (ctx) => {
	const { store, res } = ctx;
	const [rid, fileId] = ctx.params;
	let text = "";
	try {
		text = await readText(ctx.body);
	} catch (error) {
		if (!(error instanceof BodyTooLarge)) throw error;
		return json(res, 413, {
			success: false,
			error: "request entity too large"
		});
	}
	let body = {};
	let parseError;
	try {
		const parsed = text ? JSON.parse(text) : {};
		if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) body = parsed;
		else parseError = "Match error: Expected object";
	} catch (error) {
		parseError = error.message;
	}
	const log = (status) => store.record(store.confirms, rid, {
		fileId,
		rid,
		status,
		body: capped(body),
		headers: recordable(ctx.headers)
	});
	const allowed = await access(ctx);
	if (!allowed) return log(res.statusCode);
	const answer = (status, payload) => {
		log(status);
		json(res, status, payload);
	};
	if (parseError) return answer(400, {
		success: false,
		error: parseError
	});
	store.expire();
	const file = store.files.get(fileId);
	if (!file || file.rid !== rid || file.userId !== allowed.user._id) return answer(400, {
		success: false,
		error: "[invalid-file]",
		errorType: "invalid-file"
	});
	if (typeof body.description === "string" && body.description.length > store.settings.Message_MaxAllowedSize) return answer(400, {
		success: false,
		error: "[error-message-size-exceeded]",
		errorType: "error-message-size-exceeded"
	});
	const { description, fileName, fileContent, ...msgData } = body;
	const mismatch = matchError(msgData);
	if (mismatch) return answer(400, {
		success: false,
		error: mismatch
	});
	let customFields;
	if (typeof msgData.customFields === "string") try {
		customFields = JSON.parse(msgData.customFields);
	} catch (error) {
		return answer(400, {
			success: false,
			error: error.message
		});
	}
	const refusal = messageRefusal(store, allowed.room, allowed.user, {
		...msgData,
		customFields
	});
	if (refusal) return answer(refusal.status, refusal.body);
	if (typeof fileName === "string" && fileName) file.name = fileName;
	const { files, attachment } = fileParts(store, file, typeof description === "string" ? description : void 0, "rooms");
	const now = new Date(store.now()).toISOString();
	const message = {
		_id: newId(),
		rid,
		ts: now,
		msg: typeof msgData.msg === "string" ? msgData.msg : "",
		u: {
			_id: allowed.user._id,
			username: allowed.user.username,
			name: allowed.user.name
		},
		file: files[0],
		files,
		attachments: [attachment],
		_updatedAt: now
	};
	for (const key of [
		"tmid",
		"alias",
		"avatar",
		"emoji",
		"t",
		"content"
	]) if (msgData[key] !== void 0 && msgData[key] !== null) message[key] = msgData[key];
	if (customFields !== void 0) message.customFields = customFields;
	file.confirmed = true;
	file.expiresAt = void 0;
	store.post(message);
	answer(200, {
		message,
		success: true
	});
};
const channelMessages = async (ctx) => {
	const { store, res, url } = ctx;
	const user = store.userBy(ctx.headers["x-user-id"], ctx.headers["x-auth-token"]);
	if (!user) return json(res, 401, unauthorized401);
	const room = store.rooms.get(url.searchParams.get("roomId") ?? "");
	if (!store.canAccess(room, user._id)) return json(res, 403, forbidden403);
	const messages = [...store.messages.get(room._id) ?? []].reverse();
	json(res, 200, {
		messages,
		count: messages.length,
		offset: 0,
		total: messages.length,
		success: true
	});
};
// demo/server/livechat.ts
const upload$1 = async (ctx) => {
	const { store, res, headers } = ctx;
	const settings = store.settings;
	const token = headers["x-visitor-token"];
	if (!token) {
		await drain(ctx.body);
		return json(res, 403, forbidden403);
	}
	if (!settings.FileUpload_Enabled || !settings.Livechat_fileupload_enabled) {
		await drain(ctx.body);
		return json(res, 400, {
			reason: "error-file-upload-disabled",
			success: false
		});
	}
	const room = store.rooms.get(ctx.params[0]);
	if (![...store.rooms.values()].some((r) => r.visitorToken === token) || !room || room.t !== "l" || !room.open || room.visitorToken !== token) {
		await drain(ctx.body);
		return json(res, 403, forbidden403);
	}
	const limit = parserLimit(settings, "livechat");
	let received;
	try {
		received = await receiveMultipart(ctx.req, ctx.body, store.dir, {
			files: 1,
			fileSize: limit === void 0 ? void 0 : limit + 1,
			failWrites: ctx.failWrites
		});
	} catch (error) {
		return multipartFailure(ctx, error);
	}
	const { files, fields } = received;
	const file = files.find((f) => f.field === "file");
	const reject = (send) => {
		store.discard(files);
		send();
	};
	if (file?.truncated) return reject(() => rcError(res, "error-file-too-large", "File size exceeds the allowed limit"));
	if (!file) return reject(() => rcError(res, "error-no-file", "No file uploaded"));
	const type = effectiveType(file.type, file.name);
	if (!typeAllowed(settings, type)) return reject(() => json(res, 400, {
		reason: "error-type-not-allowed",
		success: false
	}));
	const refusal = uploadRefusal(settings, room, file, type, false);
	if (refusal) return reject(() => rcError(res, ...refusal));
	store.discard(files.filter((f) => f !== file));
	const stored = store.keep({
		...file,
		type
	}, room._id, { visitorToken: token });
	store.record(store.uploads, room._id, {
		fileId: stored._id,
		rid: room._id,
		route: "livechat.upload",
		name: file.name,
		type,
		size: file.size,
		sha256: file.sha256,
		fields: recordableFields(fields),
		headers: recordable(headers)
	});
	const { files: entries, attachment } = fileParts(store, stored, fields.description ?? "", "livechat");
	const now = new Date(store.now()).toISOString();
	const visitorName = `Visitor ${token.slice(0, 6)}`;
	const message = {
		_id: newId(),
		rid: room._id,
		msg: fields.msg ?? "",
		token,
		alias: visitorName,
		ts: now,
		u: {
			_id: `visitor-${newId()}`,
			username: `guest-${token.slice(0, 6)}`,
			name: visitorName
		},
		file: {
			_id: stored._id,
			name: stored.name,
			type: stored.type
		},
		files: entries,
		attachments: [attachment],
		_updatedAt: now
	};
	store.post(message);
	json(res, 200, {
		...message,
		newRoom: false,
		showConnecting: false,
		success: true
	});
};
const history = async (ctx) => {
	const { store, res, url } = ctx;
	const room = store.rooms.get(ctx.params[0]);
	const token = ctx.headers["x-visitor-token"] ?? url.searchParams.get("token");
	if (!room || room.t !== "l" || !token || room.visitorToken !== token) return json(res, 403, forbidden403);
	json(res, 200, {
		messages: store.messages.get(room._id) ?? [],
		success: true
	});
};
// demo/server/ratelimit.ts
var RateLimiter = class {
	#windows = /* @__PURE__ */ new Map();
	/** Counts one call of `route` from `ip` at `now` (ms). */
	hit(route, ip, now, settings) {
		const limit = settings.API_Enable_Rate_Limiter_Limit_Calls_Default;
		const span = settings.API_Enable_Rate_Limiter_Limit_Time_Default;
		const key = `${route} ${ip}`;
		let window = this.#windows.get(key);
		if (!window || now - window.start >= span) {
			window = {
				start: now,
				count: 0
			};
			this.#windows.set(key, window);
		}
		window.count++;
		const timeToReset = window.start + span - now;
		const left = Math.max(limit - window.count, 0);
		return {
			allowed: window.count <= limit,
			seconds: Math.ceil(timeToReset / 1e3),
			headers: {
				"X-RateLimit-Limit": String(limit),
				"X-RateLimit-Remaining": String(left),
				"X-RateLimit-Reset": String(now + timeToReset)
			}
		};
	}
	reset() {
		this.#windows.clear();
	}
};
const tooManyRequests = (seconds) => ({
	success: false,
	error: `Error, too many requests. Please slow down. You must wait ${seconds} seconds before trying this endpoint again. [error-too-many-requests]`
});
const upload = async (ctx) => {
	const { store, res, headers } = ctx;
	const token = headers.authorization;
	const userId = token ? store.singleTokens.get(token) : void 0;
	if (!userId) {
		await drain(ctx.body);
		return json(res, 401, { error: "Invalid token or token missing" });
	}
	const user = store.users.get(userId);
	if (!user) {
		await drain(ctx.body);
		return json(res, 401, { error: "Unauthorized access (invalid user)" });
	}
	let received;
	try {
		received = await receiveMultipart(ctx.req, ctx.body, store.dir, {
			fileSize: 25165825,
			failWrites: ctx.failWrites
		});
	} catch (error) {
		if (error instanceof Aborted) return;
		if (error instanceof StorageFailed) return json(res, 500, { error: `File upload failed: ${error.message}` });
		return json(res, 400, { error: "No file provided" });
	}
	const { files, fields } = received;
	const rid = fields.room_id;
	if (rid) store.count(rid, "upload_file");
	const file = files.find((f) => f.field === "file");
	const reject = (status, error) => {
		store.discard(files);
		json(res, status, { error });
	};
	if (!file) return reject(400, "No file provided");
	if (!file.name) return reject(400, "No file name provided");
	if (!rid) return reject(400, "No room ID provided");
	const room = store.rooms.get(rid);
	if (!room || !room.members.has(user._id)) return reject(403, "You are not a member of this room");
	if (file.truncated || file.size > 25165824) return reject(400, "File size exceeds the 24MB limit");
	store.discard(files.filter((f) => f !== file));
	const stored = store.keep(file, rid, { userId: user._id });
	store.record(store.uploads, rid, {
		fileId: stored._id,
		rid,
		route: "upload_file",
		name: file.name,
		type: file.type,
		size: file.size,
		sha256: file.sha256,
		fields: recordableFields(fields),
		headers: recordable(headers)
	});
	const url = `http://${headers.host ?? "127.0.0.1"}${fileUrl(stored)}`;
	const now = new Date(store.now()).toISOString();
	store.post({
		_id: newId(),
		rid,
		msg: url,
		ts: now,
		u: {
			_id: user._id,
			username: user.username
		},
		_updatedAt: now,
		attachments: [{
			title: file.name,
			title_link: fileUrl(stored),
			...file.type.startsWith("image/") ? { image_url: fileUrl(stored) } : {}
		}]
	});
	json(res, 200, {
		message: "File uploaded successfully",
		file_url: url
	});
};
// demo/server/index.ts
/**
* The reference chat server: the three upload flows of servers.md (rooms, livechat, single),
* answering as Rocket.Chat 8.x does (settings, CORS, rate limiter, protected files), storing
* uploads on disk. `npm start` runs it beside the demo page, `npm run server` alone; the tests
* start their own. README.md beside this file documents it.
*/
const routes = [
	{
		method: "POST",
		pattern: /^\/api\/v1\/rooms\.media\/([^/]+)$/,
		handler: media,
		route: "rooms.media",
		limit: "/api/v1/rooms.media/:rid post",
		auth: true
	},
	{
		method: "POST",
		pattern: /^\/api\/v1\/rooms\.mediaConfirm\/([^/]+)\/([^/]+)$/,
		handler: mediaConfirm,
		route: "rooms.mediaConfirm",
		limit: "/api/v1/rooms.mediaConfirm/:rid/:fileId post",
		auth: true
	},
	{
		method: "GET",
		pattern: /^\/api\/v1\/channels\.messages$/,
		handler: channelMessages,
		limit: "/api/v1/channels.messages get",
		auth: true
	},
	{
		method: "POST",
		pattern: /^\/api\/v1\/livechat\/upload\/([^/]+)$/,
		handler: upload$1,
		route: "livechat.upload",
		limit: "/api/v1/livechat/upload/:rid post"
	},
	{
		method: "GET",
		pattern: /^\/api\/v1\/livechat\/messages\.history\/([^/]+)$/,
		handler: history,
		limit: "/api/v1/livechat/messages.history/:rid get"
	},
	{
		method: "POST",
		pattern: /^\/api\/upload_file$/,
		handler: upload,
		route: "upload_file"
	},
	{
		method: "GET",
		pattern: /^\/api\/v1\/settings\.public$/,
		handler: settingsPublic,
		route: "settings.public",
		limit: "/api/v1/settings.public get"
	},
	{
		method: "GET",
		pattern: /^\/api\/v1\/livechat\/config$/,
		handler: livechatConfig,
		route: "livechat.config",
		limit: "/api/v1/livechat/config get"
	},
	{
		method: "GET",
		pattern: /^\/file-upload\/([^/]+)\/([^/]+)$/,
		handler: serveFile
	},
	{
		method: "GET",
		pattern: /^\/ufs\/GridFS:Uploads\/([^/]+)\/([^/]+)$/,
		handler: serveFile
	},
	{
		method: "*",
		pattern: /^\/_test\/([a-z]+)$/,
		handler: control
	}
];
/** The query keys settings.public takes (its schema has additionalProperties: false). */
const settingsQueryKeys = /* @__PURE__ */ new Set([
	"_id",
	"query",
	"count",
	"offset",
	"sort"
]);
async function settingsPublic({ store, res, url }) {
	if ([...url.searchParams.keys()].find((key) => !settingsQueryKeys.has(key))) return json(res, 400, {
		success: false,
		error: `must NOT have additional properties [invalid-params]`,
		errorType: "invalid-params"
	});
	const asked = (url.searchParams.get("_id") ?? "").split(",").map((id) => id.trim()).filter(Boolean);
	const all = store.settings;
	const ids = (asked.length ? asked : [...publicSettings]).filter((id) => publicSettings.has(id) && id in all);
	const sorted = [...new Set(ids)].sort();
	const offset = Math.max(0, Number(url.searchParams.get("offset") ?? 0) || 0);
	const count = Number(url.searchParams.get("count") ?? 0) || sorted.length;
	const settings = sorted.slice(offset, offset + count).map((_id) => ({
		_id,
		value: all[_id]
	}));
	json(res, 200, {
		settings,
		count: settings.length,
		offset,
		total: sorted.length,
		success: true
	});
}
async function livechatConfig({ store, res }) {
	json(res, 200, {
		config: {
			enabled: true,
			settings: { fileUpload: store.settings.FileUpload_Enabled && store.settings.Livechat_fileupload_enabled }
		},
		success: true
	});
}
/**
* Cuts the connection as a network failure would, mid-answer. A few bytes of an answer go first:
* a browser re-sends a request by itself when a reused connection closes before any answer came,
* which would hide the failure from the test.
*/
function cut(req) {
	const socket = req.socket;
	if (socket.destroyed) return;
	socket.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 4096\r\n\r\n{\"succ", () => socket.destroy());
}
/** An error text of exactly `length` characters (for the long-error fault). */
function longText(length) {
	return "The server could not store the file because of an internal error. ".repeat(Math.ceil(length / 66)).slice(0, length);
}
/** Applies an armed fault; returns false when the request is handled (or left hanging) by it. */
async function applyFault(ctx, route) {
	const fault = ctx.faults.take(route, ctx.params[0]);
	if (!fault) return true;
	const { req, res } = ctx;
	switch (fault.kind) {
		case "status": {
			await drain(req);
			let body = fault.body ?? "";
			let contentType = fault.contentType;
			if (fault.errorLength !== void 0) {
				const text = longText(fault.errorLength);
				body = !contentType || contentType.startsWith("application/json") ? JSON.stringify({
					success: false,
					error: text
				}) : text;
				contentType ??= "application/json";
			}
			res.writeHead(fault.status ?? 500, {
				...contentType ? { "Content-Type": contentType } : {},
				...fault.headers
			});
			res.end(body);
			return false;
		}
		case "redirect":
			await drain(req);
			res.writeHead(fault.status ?? 302, {
				Location: fault.location ?? "/",
				"Content-Type": "text/html",
				...fault.headers
			});
			res.end(fault.body ?? "");
			return false;
		case "delay":
			await new Promise((resolve) => setTimeout(resolve, fault.ms ?? 1e3));
			return true;
		case "drop":
		case "stall": {
			let seen = 0;
			const limit = fault.afterBytes ?? 0;
			const act = () => fault.kind === "drop" ? cut(req) : req.pause();
			if (limit <= 0) act();
			else req.on("data", (chunk) => {
				seen += chunk.length;
				if (seen >= limit) act();
			});
			return false;
		}
		case "hang":
			await drain(req);
			return false;
		case "lose-answer":
			res.writeHead = (() => res);
			res.end = (() => {
				cut(req);
				return res;
			});
			return true;
		case "throttle":
			ctx.body = req.pipe(throttle(fault.bytesPerSecond ?? 262144));
			return true;
		case "storage-fail":
			ctx.failWrites = true;
			return true;
	}
}
/** One plain sentence for a port another program holds. */
var PortInUse = class extends Error {};
async function startReferenceServer(options = {}) {
	const store = new Store(options.dataDir ?? join(process.cwd(), ".data", "uploads"), {
		...defaultSettings,
		...options.settings
	});
	const faults = new Faults();
	const limiter = new RateLimiter();
	const testControls = options.testControls ?? true;
	const rateLimiter = options.rateLimiter ?? process.env.CFU_RATE_LIMITER === "on";
	const sockets = /* @__PURE__ */ new Set();
	const handle = async (req, res) => {
		const url = new URL(req.url ?? "/", "http://localhost");
		const isControl = url.pathname.startsWith("/_test/");
		if (isControl && !testControls) {
			await drain(req);
			return json(res, 404, {
				success: false,
				error: "Not found"
			});
		}
		const settings = store.settings;
		if (req.method === "OPTIONS") {
			await drain(req);
			if (isControl) return void res.writeHead(403).end();
			return preflight(req, res, settings);
		}
		if (!isControl) {
			if (settings.API_Enable_CORS && req.headers.origin && !originAllowed(settings, req.headers.origin)) {
				await drain(req);
				res.writeHead(403, { "Content-Type": "text/plain; charset=utf-8" }).end("Invalid origin");
				return;
			}
			cors(res, req, settings);
		}
		for (const def of routes) {
			const match = def.pattern.exec(url.pathname);
			if (!match || def.method !== "*" && def.method !== req.method) continue;
			let params;
			try {
				params = match.slice(1).map((part) => decodeURIComponent(part));
			} catch {
				await drain(req);
				return json(res, 400, {
					success: false,
					error: "Malformed URL"
				});
			}
			const headers = headerRecord(req);
			const ctx = {
				req,
				res,
				body: req,
				url,
				params,
				headers,
				store,
				faults,
				limiter,
				failWrites: false
			};
			if (def.route && def.route !== "upload_file") store.count(params[0] ?? "", def.route);
			if (def.route && !await applyFault(ctx, def.route)) return;
			if (def.limit && rateLimiter && settings.API_Enable_Rate_Limiter) {
				const user = store.userBy(headers["x-user-id"], headers["x-auth-token"]);
				if (!(def.auth && !user) && !user?.permissions.has("api-bypass-rate-limit")) {
					const verdict = limiter.hit(def.limit, req.socket.remoteAddress ?? "", store.now(), settings);
					for (const [name, value] of Object.entries(verdict.headers)) res.setHeader(name, value);
					if (!verdict.allowed) {
						await drain(ctx.body);
						return json(res, 429, tooManyRequests(verdict.seconds));
					}
				}
			}
			return def.handler(ctx);
		}
		await drain(req);
		json(res, 404, {
			success: false,
			error: "Not found"
		});
	};
	const server = createServer((req, res) => {
		res.shouldKeepAlive = false;
		handle(req, res).catch((error) => {
			if (res.headersSent) return void res.destroy();
			json(res, 500, {
				success: false,
				error: `Internal error: ${error.message}`
			});
		});
	});
	server.on("connection", (socket) => {
		sockets.add(socket);
		socket.on("close", () => sockets.delete(socket));
	});
	server.on("clientError", (_error, socket) => {
		if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
		socket.destroy();
	});
	const port = options.port ?? 5174;
	const host = options.host ?? "127.0.0.1";
	await new Promise((resolve, reject) => {
		server.once("error", (error) => {
			if (error.code === "EADDRINUSE") reject(new PortInUse(`Port ${port} on ${host} is in use by another program: stop it, or start the reference server on another port (CFU_SERVER_PORT).`));
			else reject(error);
		});
		server.listen(port, host, () => resolve());
	});
	const address = server.address();
	return {
		url: `http://${host}:${typeof address === "object" && address ? address.port : port}`,
		close: () => new Promise((resolve) => {
			for (const socket of sockets) socket.destroy();
			server.close(() => resolve());
		})
	};
}
export { PortInUse, startReferenceServer };
