#!/usr/bin/env node
// `npm run bench`: measures the element in headless Chromium against a loopback server, each case
// side by side with its baseline in one run (a Lit-only element, a plain <img> grid, a raw
// XMLHttpRequest), and prints one table of medians and ratios. Not run by CI.
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright';
import { build } from 'vite';

const root = resolve(import.meta.dirname, '..');
const out = join(root, 'bench', '.out');
mkdirSync(out, { recursive: true });
const runs = Number(process.env.BENCH_RUNS ?? 3);

// 1. Builds: the element's script-tag bundle, and a Lit-only element as the baseline.
if (spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' }).status !== 0) process.exit(1);
writeFileSync(join(out, 'lit-only.js'), `import { LitElement, html, css } from 'lit';
class LitOnly extends LitElement {
  static properties = { label: {} };
  static styles = css\`:host { display: block; border: 2px dashed #888; padding: 12px; }\`;
  constructor() { super(); this.label = 'Drop files here'; }
  render() { return html\`<div part="dropzone">\${this.label} <button>Browse files</button></div>\`; }
}
customElements.define('lit-only', LitOnly);
`);
await build({
  configFile: false, logLevel: 'silent', root,
  build: { outDir: out, emptyOutDir: false, target: 'es2022', lib: { entry: join(out, 'lit-only.js'), formats: ['es'], fileName: () => 'lit-only.bundle.js' }, rolldownOptions: { output: { minify: true } } },
});
const gzip = (file) => gzipSync(readFileSync(file), { level: 9 }).length;

// 2. A loopback server: the pages, the bundles, and an upload endpoint that drains the body.
const types = { '.html': 'text/html', '.js': 'text/javascript' };
const server = createServer((req, res) => {
  res.setHeader('Access-Control-Allow-Origin', '*');
  if (req.method === 'OPTIONS') {
    res.setHeader('Access-Control-Allow-Headers', '*');
    return res.writeHead(204).end();
  }
  if (req.method === 'POST') {
    req.on('data', () => {});
    req.on('end', () => res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"message":"File uploaded successfully","file_url":"http://127.0.0.1/f"}'));
    return;
  }
  const path = req.url === '/' ? '/bench/page.html' : req.url.split('?')[0];
  const file = join(root, path);
  if (!file.startsWith(root) || !existsSync(file)) return res.writeHead(404).end();
  res.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(res);
});
await new Promise((done) => server.listen(0, '127.0.0.1', done));
const base = `http://127.0.0.1:${server.address().port}`;
writeFileSync(join(root, 'bench', '.out', 'page.html'), `<!doctype html><meta charset="utf-8"><body><script>
window.marks = { start: performance.now() };
window.longest = 0;
new PerformanceObserver((list) => { for (const e of list.getEntries()) window.longest = Math.max(window.longest, e.duration); }).observe({ type: 'longtask' });
</script></body>`);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--enable-precise-memory-info', '--js-flags=--expose-gc'],
});

async function page() {
  const p = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await p.goto(`${base}/bench/.out/page.html`);
  return p;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
async function repeat(n, fn) {
  const values = [];
  for (let i = 0; i < n; i++) values.push(await fn());
  return median(values);
}

/** Script start to the first paint of an element defined by `bundle` and rendered as `tag`. */
async function firstPaint(bundle, tag) {
  const p = await page();
  const ms = await p.evaluate(async ([src, name]) => {
    const start = performance.now();
    await import(src);
    const el = document.createElement(name);
    document.body.append(el);
    await el.updateComplete;
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
    return performance.now() - start;
  }, [`${base}/bench/.out/../../${bundle}`, tag]);
  await p.close();
  return ms;
}

/** Makes `count` JPEG photos of 1600×1200 in the page (kept on `window.photos`). */
const makePhotos = async (n) => {
  const canvas = new OffscreenCanvas(1600, 1200);
  const ctx = canvas.getContext('2d');
  window.photos = [];
  for (let i = 0; i < n; i++) {
    const g = ctx.createLinearGradient(0, 0, 1600, 1200);
    g.addColorStop(0, `hsl(${(i * 37) % 360} 70% 50%)`);
    g.addColorStop(1, `hsl(${(i * 91) % 360} 60% 30%)`);
    ctx.fillStyle = g;
    ctx.fillRect(0, 0, 1600, 1200);
    for (let k = 0; k < 40; k++) { ctx.fillStyle = `hsl(${(i * k * 13) % 360} 80% 60%)`; ctx.fillRect((k * 97) % 1500, (k * 59) % 1100, 100, 100); }
    window.photos.push(new File([await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.85 })], `photo-${i}.jpg`, { type: 'image/jpeg' }));
  }
};

/** 200 photos added at once: previews in view shown, all shown, longest task. */
async function photos(kind) {
  const p = await page();
  await p.evaluate(makePhotos, 200);
  if (kind === 'element') await p.addScriptTag({ type: 'module', url: `${base}/dist/chat-file-upload.js` });
  const result = await p.evaluate(async (which) => {
    const imgs = () => (which === 'element' ? [...document.querySelector('chat-file-upload').shadowRoot.querySelectorAll('img')] : [...document.images]);
    const inView = (img) => { const r = img.getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight; };
    if (which === 'element') {
      const el = document.createElement('chat-file-upload');
      el.setAttribute('max-file-size', '1000000000');
      el.setAttribute('accept', 'image/*');
      document.body.append(el);
      await el.updateComplete;
    }
    await new Promise((r) => setTimeout(r, 300));
    window.longest = 0;
    const start = performance.now();
    if (which === 'element') await new Promise((r) => setTimeout(() => r(document.querySelector('chat-file-upload').addFiles(window.photos))));
    else {
      const grid = document.createElement('div');
      grid.style.cssText = 'display:grid;grid-template-columns:repeat(8,40px);gap:8px';
      for (const f of window.photos) { const img = new Image(40, 40); img.decoding = 'async'; img.loading = 'lazy'; img.style.objectFit = 'cover'; img.src = URL.createObjectURL(f); grid.append(img); }
      document.body.append(grid);
    }
    let visible = 0;
    let all = 0;
    for (;;) {
      await new Promise((r) => setTimeout(r, 20));
      const list = imgs();
      if (!list.length) continue;
      const shown = list.filter((img) => img.complete && img.naturalWidth > 0);
      if (!visible && list.filter(inView).every((img) => shown.includes(img))) visible = performance.now() - start;
      if (list.length >= 200 && shown.length === list.length) { all = performance.now() - start; break; }
      if (performance.now() - start > 30000) { all = NaN; break; }
      // Previews load as they come into view: scroll to the first one not shown yet, as a person looking through them would.
      list.find((img) => !(img.complete && img.naturalWidth > 0))?.scrollIntoView({ block: 'center' });
    }
    await new Promise((r) => setTimeout(r, 200));
    return { visible, all, longest: window.longest };
  }, kind);
  await p.close();
  return result;
}

/** 1,000 small files added at once: longest task and heap growth. */
async function thousand() {
  const p = await page();
  await p.addScriptTag({ type: 'module', url: `${base}/dist/chat-file-upload.js` });
  const result = await p.evaluate(async () => {
    const el = document.createElement('chat-file-upload');
    el.setAttribute('max-file-size', '1000000000');
    el.setAttribute('accept', '*');
    document.body.append(el);
    await el.updateComplete;
    const files = Array.from({ length: 1000 }, (_, i) => new File([`file ${i}`], `file-${i}.txt`, { type: 'text/plain' }));
    window.gc?.();
    const before = performance.memory.usedJSHeapSize;
    // Setup (making the files, the forced gc) ran in earlier tasks: let their entries arrive first.
    await new Promise((r) => setTimeout(r, 200));
    window.longest = 0;
    await new Promise((r) => setTimeout(() => r(el.addFiles(files))));
    await el.updateComplete;
    await new Promise((r) => setTimeout(r, 500));
    window.gc?.();
    return { longest: window.longest, heap: (performance.memory.usedJSHeapSize - before) / 1048576 };
  });
  await p.close();
  return result;
}

/** One upload of `mb` MB: the element (single flow) and a raw XHR + FormData, in the same page. */
async function upload(mb) {
  const p = await page();
  await p.addScriptTag({ type: 'module', url: `${base}/dist/chat-file-upload.js` });
  const result = await p.evaluate(async ([size, url]) => {
    const chunk = new Uint8Array(1048576).fill(7);
    const file = new File(Array.from({ length: size }, () => chunk), 'big.bin', { type: 'application/octet-stream' });
    const el = document.createElement('chat-file-upload');
    for (const [k, v] of Object.entries({ flow: 'single', 'server-url': url, 'upload-url': '/upload', 'auth-token': 'x', 'room-id': 'r', 'max-file-size': String(4e9), accept: '*' })) el.setAttribute(k, v);
    document.body.append(el);
    await el.updateComplete;
    const raw = () => new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      const body = new FormData();
      body.append('room_id', 'r');
      body.append('file', file, file.name);
      xhr.open('POST', `${url}/upload`);
      xhr.setRequestHeader('Authorization', 'x');
      xhr.onload = resolve;
      xhr.onerror = reject;
      xhr.send(body);
    });
    const viaElement = async () => {
      el.clear();
      el.addFiles([file]);
      await el.send();
    };
    const time = async (fn) => { const t = performance.now(); await fn(); return performance.now() - t; };
    if (size <= 100) await raw(); // warm-up: connection and file reads, so neither side pays them
    window.gc?.();
    const heapBefore = performance.memory.usedJSHeapSize;
    let heapPeak = heapBefore;
    const sampler = setInterval(() => (heapPeak = Math.max(heapPeak, performance.memory.usedJSHeapSize)), 50);
    const elementMs = await time(viaElement);
    clearInterval(sampler);
    // For the 1 GB case only the heap is measured.
    const rawMs = size <= 100 ? await time(raw) : NaN;
    // and the other order, so that neither side always goes first
    const rawMs2 = size <= 100 ? await time(raw) : rawMs;
    const elementMs2 = size <= 100 ? await time(viaElement) : elementMs;
    return { elementMs: (elementMs + elementMs2) / 2, rawMs: (rawMs + rawMs2) / 2, heap: (heapPeak - heapBefore) / 1048576 };
  }, [mb, base]);
  await p.close();
  return result;
}

const only = process.env.BENCH_CASES?.split(',');
const wanted = (name) => !only || only.includes(name);
const rows = [];
const add = (what, element, baseline, baselineName, target, unit = 'ms') => {
  const ratio = baseline ? element / baseline : undefined;
  rows.push([what, `${element.toFixed(unit === 'ms' ? 0 : 1)} ${unit}`, baseline === undefined ? '' : `${baseline.toFixed(unit === 'ms' ? 0 : 1)} ${unit} (${baselineName})`, ratio === undefined ? '' : ratio.toFixed(2), target]);
};

const sizes = { element: gzip(join(root, 'dist/chat-file-upload.js')), lit: gzip(join(out, 'lit-only.bundle.js')) };
add('gzip size, script-tag bundle', sizes.element / 1024, sizes.lit / 1024, 'Lit only', '≤ 12.5 KiB', 'KiB');
if (wanted('paint')) {
const paintElement = await repeat(runs, () => firstPaint('dist/chat-file-upload.js', 'chat-file-upload'));
const paintLit = await repeat(runs, () => firstPaint('bench/.out/lit-only.bundle.js', 'lit-only'));
add('script start → first paint', paintElement, paintLit, 'Lit only', '≤ 1.3 × Lit');
}
if (wanted('photos')) {
const photoRuns = [];
for (let i = 0; i < runs; i++) photoRuns.push({ element: await photos('element'), grid: await photos('grid') });
const pm = (k, w) => median(photoRuns.map((r) => r[k][w]));
add('200 photos: previews in view', pm('element', 'visible'), pm('grid', 'visible'), '<img> grid', '≤ 1000 ms');
add('200 photos: all previews', pm('element', 'all'), pm('grid', 'all'), '<img> grid', '≤ 3000 ms');
add('200 photos: longest task', pm('element', 'longest'), pm('grid', 'longest'), '<img> grid', '≤ 50 ms');
}
if (wanted('thousand')) {
const many = [];
for (let i = 0; i < runs; i++) many.push(await thousand());
add('1,000 files: longest task', median(many.map((r) => r.longest)), undefined, '', '≤ 100 ms');
add('1,000 files: heap growth', median(many.map((r) => r.heap)), undefined, '', '< 30 MB', 'MB');
}
if (wanted('upload')) {
const big = [];
for (let i = 0; i < runs; i++) big.push(await upload(100));
add('100 MB upload', median(big.map((r) => r.elementMs)), median(big.map((r) => r.rawMs)), 'raw XHR', '≤ 1.03 × raw');
const huge = await upload(1024);
add('1 GB upload: heap growth', huge.heap, undefined, '', '< 20 MB', 'MB');
}

await browser.close();
server.close();

const header = ['case', 'element (median)', 'baseline', 'ratio', 'target'];
const table = [header, header.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
console.log(`\n${table}\n`);
const readme = join(root, 'bench', 'README.md');
const intro = existsSync(readme) ? readFileSync(readme, 'utf8').split('<!-- table -->')[0] : '';
if (!only) writeFileSync(readme, `${intro}<!-- table -->\nLatest run (${new Date().toISOString().slice(0, 10)}, ${runs} runs a case, medians; headless Chromium, loopback):\n\n${table}\n`);
