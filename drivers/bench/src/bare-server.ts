// The ceiling the cached-forecast benchmark compares against: Node's own HTTP
// server answering every request with the same bytes Skycast sends for a
// cached forecast (gzip when asked), and nothing else — no routing, no
// headers beyond the necessary, no logging, no limits.
import { readFileSync } from 'node:fs';
import http from 'node:http';

const identity = readFileSync(process.env.BODY_FILE ?? '');
const gzip = readFileSync(process.env.GZIP_FILE ?? '');

http
  .createServer((req, res) => {
    const gzipped = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
    const body = gzipped ? gzip : identity;
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': body.length,
      ...(gzipped ? { 'content-encoding': 'gzip' } : {}),
    });
    res.end(body);
  })
  .listen(Number(process.env.PORT ?? 3002), '127.0.0.1');
