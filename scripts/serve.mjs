#!/usr/bin/env node
/**
 * A small static server for the built app (dist/), used by `npm start` and the e2e tests.
 * It sends the same Content-Security-Policy as index.html's meta tag, plus `frame-ancestors`,
 * which browsers only honour as an HTTP header: embed mode (`?embed=1`) needs the documentation
 * hosts that frame it listed there, e.g.
 *   FRAME_ANCESTORS="'self' https://docs.example.com" npm start
 * Environment: PORT (default 4173), HOST (default 127.0.0.1), FRAME_ANCESTORS (default 'self').
 * Options: --port, --host, --root (the folder to serve; default dist/).
 * Unknown paths without a file extension fall back to index.html (single-page app).
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const argValue = (name) => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
};
const root = resolve(argValue('--root') ?? fileURLToPath(new URL('../dist', import.meta.url)));
const port = Number(argValue('--port') ?? process.env.PORT ?? 4173);
const host = argValue('--host') ?? process.env.HOST ?? '127.0.0.1';
const frameAncestors = process.env.FRAME_ANCESTORS ?? "'self'";

/** Keep in step with the meta tag in index.html. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "worker-src 'self'",
  "connect-src 'self' https://gitlab.com https://token.actions.githubusercontent.com",
  // data: images: Monaco draws its squiggly underlines as data:image/svg+xml backgrounds.
  "img-src 'self' data:",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  `frame-ancestors ${frameAncestors}`,
].join('; ');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
};

if (!existsSync(join(root, 'index.html'))) {
  console.error('dist/index.html is missing: run `npm run build` first.');
  process.exit(1);
}

function fileFor(urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const candidate = normalize(join(root, decoded));
  if (candidate !== root && !candidate.startsWith(root + sep)) return null;
  if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  if (extname(decoded) === '') return join(root, 'index.html');
  return null;
}

const server = createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const headers = {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
  };
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { ...headers, Allow: 'GET, HEAD' });
    response.end();
    return;
  }
  const file = fileFor(url.pathname === '/' ? '/index.html' : url.pathname);
  if (!file) {
    response.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
    response.end('Not found\n');
    return;
  }
  const immutable = file.includes(`${sep}assets${sep}`);
  response.writeHead(200, {
    ...headers,
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  createReadStream(file).pipe(response);
});

server.on('error', (error) => {
  // One line a person can act on instead of a stack trace.
  if (error.code === 'EADDRINUSE') console.error(`trustlens: port ${port} on ${host} is already in use; set PORT to another port (e.g. PORT=4174 npm start).`);
  else if (error.code === 'EACCES') console.error(`trustlens: not allowed to listen on ${host}:${port}; set PORT to a port above 1024.`);
  else console.error(`trustlens: cannot serve on ${host}:${port}: ${error.message}`);
  process.exit(1);
});

server.listen(port, host, () => {
  console.log(`trustlens is being served at http://${host}:${port}/`);
});
