import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';

export interface HttpServerTimeouts {
  /** How long an idle keep-alive connection stays open (HTTP_KEEP_ALIVE_TIMEOUT_MS). */
  keepAliveTimeoutMs: number;
}

/**
 * The Node HTTP server's settings that Express does not cover:
 * - keep-alive outlives a load balancer's idle timeout (AWS ALB: 60 s), so
 *   the balancer, not the app, closes an idle connection, and never reuses one
 *   the app is closing at that moment (a reset request);
 * - the headers timeout just above it, as Node requires, still bounding a slow client;
 * - requests Node refuses before Express sees them (a request line and
 *   headers over `maxHeaderSize`, 16 KiB, e.g. a 100 KB URL) get a short JSON
 *   answer instead of an empty body or a reset.
 *
 * @example
 * configureHttpServer(createServer(app), { keepAliveTimeoutMs: 65_000 }).listen(3000);
 */
export function configureHttpServer(server: Server, timeouts: HttpServerTimeouts): Server {
  server.keepAliveTimeout = timeouts.keepAliveTimeoutMs;
  server.headersTimeout = timeouts.keepAliveTimeoutMs + 1_000;
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const [status, text, message] =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? [
            431,
            'Request Header Fields Too Large',
            'The URL and headers are larger than 16 KiB. Send a long input in a POST body, or fewer headers.',
          ]
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [408, 'Request Timeout', 'The request took too long to arrive.']
          : [400, 'Bad Request', 'The request is not valid HTTP.'];
    const body = JSON.stringify({ error: message });
    socket.end(
      `HTTP/1.1 ${status} ${text}\r\ncontent-type: application/json; charset=utf-8\r\n` +
        `cache-control: no-store\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
    // The client may still be sending the rest of its request: read and drop
    // it, so the answer is not lost to a reset; give up after a moment.
    socket.on('data', () => undefined);
    socket.resume();
    setTimeout(() => socket.destroy(), 2_000).unref();
  });
  return server;
}
