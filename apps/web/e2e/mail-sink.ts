import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server on loopback (smtp-server) for the browser tests' API
 * server: each message it accepts is written as `<n>.eml` into `dir`, where
 * the tests (in other processes) read it with mailparser.
 *
 * @example
 * const sink = await startMailSink(dir); // SMTP_URL=sink.url
 */
export async function startMailSink(dir: string) {
  let received = 0;
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    size: 1024 * 1024,
    onData(stream, _session, callback) {
      const file = path.join(dir, `${String(++received).padStart(4, '0')}.eml`);
      pipeline(stream, createWriteStream(file)).then(
        () => callback(),
        (error: unknown) => callback(error as Error),
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as { port: number };
  return {
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
