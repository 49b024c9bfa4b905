import { defineConfig, type Plugin } from 'vite';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { PortInUse, startReferenceServer, type ReferenceServer } from './demo/server/index.ts';
import ts from 'typescript';

/** Port of the reference chat server that `npm start` runs beside the demo page. */
const serverPort = Number(process.env.CFU_SERVER_PORT ?? 5174);
const serverUrl = `http://127.0.0.1:${serverPort}`;
const demoPort = Number(process.env.CFU_DEMO_PORT ?? 5173);

/**
 * Starts the reference server (demo/server) together with the dev server, on its own port, so
 * that every upload from the demo page is cross-origin, as on a real website. It runs as a real
 * server is set up for a page on another origin: CORS on for the demo page's origin and the rate
 * limiter on (`CFU_RATE_LIMITER=off` turns it off, as the end-to-end tests do; `CFU_CORS_ORIGIN`
 * sets API_CORS_Origin, e.g. `*` for pages on other ports). Downloads are left
 * unprotected (FileUpload_ProtectFiles off) because the page shows the room's images with plain
 * `<img>` tags, which carry no credentials.
 *
 * Under Vitest it serves `/__reference-server/_test/…` instead: the browser tests' calls to the
 * test controls, forwarded from Node to the server test/setup/reference-server.ts started (the
 * controls answer no web page). Under `npm start` the same path forwards the demo page's
 * `POST`/`DELETE /_test/faults` alone (its "Try a failure" panel).
 */
function referenceServer(): Plugin {
  let server: ReferenceServer | undefined;
  return {
    name: 'chat-file-upload-reference-server',
    apply: 'serve',
    async configureServer(vite) {
      if (process.env.VITEST) {
        vite.middlewares.use('/__reference-server/', (req, res) => void forwardToControls(req, res, process.env.CFU_REFERENCE_SERVER_URL));
        return;
      }
      // The demo page's "Try a failure" buttons arm the server's faults. The controls answer no
      // web page, so the dev server (on loopback only) forwards them from Node: faults alone, and
      // only for the demo page itself (Sec-Fetch-Site: same-origin), never for another site's page.
      vite.middlewares.use('/__reference-server/', (req, res) => {
        if (req.headers['sec-fetch-site'] !== 'same-origin' || !/^\/_test\/faults$/.test(req.url ?? '') || !['POST', 'DELETE'].includes(req.method ?? '')) {
          res.writeHead(403, { 'Content-Type': 'text/plain' }).end('Only the demo page may arm or clear faults here.');
          return;
        }
        void forwardToControls(req, res, server?.url);
      });
      const demo = vite.config.server;
      if (demo.port && !(await portFree(demo.port, typeof demo.host === 'string' ? demo.host : '127.0.0.1'))) {
        vite.config.logger.error(`Port ${demo.port} is in use by another program: stop it, or serve the demo page on another port (CFU_DEMO_PORT).`);
        process.exit(1);
      }
      try {
        server = await startReferenceServer({
          port: serverPort,
          dataDir: process.env.CFU_DATA_DIR,
          rateLimiter: process.env.CFU_RATE_LIMITER !== 'off',
          testControls: true,
          settings: { API_Enable_CORS: true, API_CORS_Origin: process.env.CFU_CORS_ORIGIN ?? `http://127.0.0.1:${demoPort},http://localhost:${demoPort}`, FileUpload_ProtectFiles: false },
        });
      } catch (error) {
        if (!(error instanceof PortInUse)) throw error;
        vite.config.logger.error(error.message);
        process.exit(1);
      }
      vite.config.logger.info(`  reference chat server: ${server.url}`);
      vite.httpServer?.once('close', () => void server?.close());
    },
  };
}

/** Whether nothing listens on a port yet (so that a busy one is told in one sentence). */
function portFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createNetServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}

/** Forwards one request to the reference server's `/_test` API (from Node: no Origin). */
async function forwardToControls(req: IncomingMessage, res: ServerResponse, base: string | undefined): Promise<void> {
  const path = (req.url ?? '/').replace(/^\/+/, '');
  if (!base || !path.startsWith('_test/')) {
    res.writeHead(404).end();
    return;
  }
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const answer = await fetch(`${base}/${path}`, {
      method: req.method,
      headers: chunks.length ? { 'Content-Type': 'application/json' } : undefined,
      body: chunks.length ? Buffer.concat(chunks) : undefined,
    });
    res.writeHead(answer.status, { 'Content-Type': answer.headers.get('content-type') ?? 'application/json' });
    res.end(Buffer.from(await answer.arrayBuffer()));
  } catch (error) {
    if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'text/plain' });
    res.end(`The reference server did not answer: ${(error as Error).message}`);
  }
}

/**
 * Collapses the white space inside Lit's `html` and `css` tagged templates, which no JS minifier
 * touches (it is string content). Found with the TypeScript parser, so code, comments and `${…}`
 * expressions are never rewritten.
 */
function collapse(text: string, tag: string): string {
  let out = text.replace(/\s*\n\s*/g, '\n').replace(/\s+/g, ' ');
  if (tag === 'css') out = out.replace(/\s*([{};:,>])\s*/g, '$1').replace(/;}/g, '}').replace(/([\s:,(])0\.(?=\d)/g, '$1.');
  else out = out.replace(/>\n?\s+</g, '><');
  return out;
}

function minifyTemplates(): Plugin {
  return {
    name: 'chat-file-upload-minify-templates',
    apply: 'build',
    transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id) || !/(html|css)`/.test(code)) return undefined;
      const source = ts.createSourceFile(id, code, ts.ScriptTarget.Latest, true);
      const edits: [number, number, string][] = [];
      const visit = (node: ts.Node) => {
        if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && (node.tag.text === 'html' || node.tag.text === 'css')) {
          const tag = node.tag.text;
          const parts = ts.isNoSubstitutionTemplateLiteral(node.template)
            ? [node.template]
            : [node.template.head, ...node.template.templateSpans.map((span) => span.literal)];
          for (const part of parts) {
            const start = part.getStart(source) + 1; // after ` or }
            const end = part.getEnd() - (ts.isTemplateTail(part) || ts.isNoSubstitutionTemplateLiteral(part) ? 1 : 2); // before ` or ${
            edits.push([start, end, collapse(code.slice(start, end), tag)]);
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
      if (!edits.length) return undefined;
      let out = code;
      for (const [start, end, text] of edits.sort((a, b) => b[0] - a[0])) out = out.slice(0, start) + text + out.slice(end);
      return { code: out, map: null };
    },
  };
}

/**
 * Shortens the long messages Lit's production build throws on misuse of `css` (a page that passes a
 * string where a `css` result belongs): every page would otherwise load about 170 bytes of them
 * (96 gzip) before the first paint. They keep saying what is wrong. No-op where Lit's text changes.
 */
function shortLitMessages(): Plugin {
  const messages: [string, string][] = [
    ['"CSSResult is not constructable. Use `unsafeCSS` or `css` instead."', '"Use css or unsafeCSS"'],
    ['"Value passed to \'css\' function must be a \'css\' function result: "', '"Not a css result: "'],
    ['". Use \'unsafeCSS\' to pass non-literal values, but take care to ensure page security."', '". Use unsafeCSS"'],
  ];
  return {
    name: 'chat-file-upload-short-lit-messages',
    apply: 'build',
    transform(code, id) {
      if (!id.includes('/@lit/reactive-element/css-tag.js')) return undefined;
      return { code: messages.reduce((out, [long, short]) => out.replace(long, short), code), map: null };
    },
  };
}

/**
 * Leaves out of Lit's production build what only old browsers' polyfills (ShadyDOM, ShadyCSS:
 * `*PolyfillSupport`) and Lit's version records (`*Versions`, read by its development build's
 * warnings) use: the build's ES2022 target runs only where shadow DOM is native. About 90 bytes
 * gzip before the first paint. No-op where Lit's text changes.
 */
function leanLit(): Plugin {
  const drops: [string, RegExp, string][] = [
    ['/lit-html/lit-html.js', /,B=t\.litHtmlPolyfillSupport;B\?\.\(S,k\),\(t\.litHtmlVersions\?\?=\[\]\)\.push\("[\d.]+"\);/, ';'],
    ['/lit-element/lit-element.js', /const o=s\.litElementPolyfillSupport;o\?\.\(\{LitElement:i\}\);/, ''],
    ['/lit-element/lit-element.js', /\(s\.litElementVersions\?\?=\[\]\)\.push\("[\d.]+"\);/, ''],
    ['/@lit/reactive-element/reactive-element.js', /p=a\.reactiveElementPolyfillSupport,/, ''],
    ['/@lit/reactive-element/reactive-element.js', /,p\?\.\(\{ReactiveElement:y\}\),\(a\.reactiveElementVersions\?\?=\[\]\)\.push\("[\d.]+"\)/, ''],
  ];
  return {
    name: 'chat-file-upload-lean-lit',
    apply: 'build',
    transform(code, id) {
      const mine = drops.filter(([file]) => id.endsWith(file));
      if (!mine.length) return undefined;
      return { code: mine.reduce((out, [, drop, keep]) => out.replace(drop, keep), code), map: null };
    },
  };
}

/**
 * The list's code and the sending code (`engine.ts`, the requests, the transports), which every
 * page loads right after its first paint, in one chunk: one request, and one gzip stream instead
 * of two. The queue's `import('./engine.js')` is read as an import of the list's module, which
 * hands the engine on (`list.ts`): the chunk has one entry, so rolldown makes neither a facade
 * nor a namespace object for it. What only a failure, a photo, a draft or the panel needs stays
 * in chunks of its own. The npm entries (`--mode lib`) and the one-file build keep the two
 * modules apart (the one-file build fetches nothing).
 */
function listWithEngine(): Plugin {
  const queue = /\/src\/core\/queue\.ts$/;
  return {
    name: 'chat-file-upload-list-with-engine',
    enforce: 'pre',
    apply: (_, env) => env.command === 'build' && env.mode !== 'lib' && env.mode !== 'one-file',
    resolveId(source, importer) {
      if (source !== './engine.js' || !importer || !queue.test(importer)) return undefined;
      return this.resolve('../element/list.js', importer);
    },
  };
}

/**
 * Three builds: the script-tag folder (`dist/chat-file-upload.js` and the chunks it imports on
 * demand), `--mode one-file` (`dist/chat-file-upload.min.js`: the same code with every chunk
 * inside, for hosts that serve one file but not a folder) and `--mode lib` (the npm entries,
 * with their dependencies left as imports).
 */
export default defineConfig(({ mode }) => ({
  plugins: [referenceServer(), minifyTemplates(), shortLitMessages(), leanLit(), listWithEngine()],
  define: { __DEMO_SERVER_URL__: JSON.stringify(serverUrl) },
  // The demo page only: the test fixtures' pages import the packed package, not this tree.
  optimizeDeps: { entries: ['index.html'] },
  server: { host: '127.0.0.1', port: demoPort, strictPort: true },
  build: {
    target: 'es2022',
    outDir: mode === 'lib' ? 'dist/lib' : 'dist',
    emptyOutDir: false,
    lib:
      mode === 'lib'
        ? {
            entry: { index: 'src/index.ts', react: 'src/react.ts', vue: 'src/vue.ts', svelte: 'src/svelte.ts', locales: 'src/i18n/index.ts' },
            formats: ['es'] as const,
            fileName: (_: string, name: string) => `${name}.js`,
          }
        : { entry: 'src/script-tag.ts', formats: ['es'] as const, fileName: () => (mode === 'one-file' ? 'chat-file-upload.min.js' : 'chat-file-upload.js') },
    rolldownOptions:
      mode === 'lib'
        ? { external: [/^lit($|\/)/, /^@lit\//, /^@floating-ui\//, /^react($|\/)/, /^vue($|\/)/, /^svelte($|\/)/] }
        : // No bundler reads the script-tag bundle again: its tree-shaking annotations go too.
          {
            preserveEntrySignatures: 'allow-extension' as const,
            output: {
              minify: true,
              comments: false,
              ...(mode === 'one-file' ? { codeSplitting: false } : {}),
            },
          },
  },
}));
