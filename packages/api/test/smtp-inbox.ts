import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server on loopback (smtp-server) that keeps every message it
 * accepts, parsed with mailparser, for tests to read.
 *
 * @example
 * const inbox = await startSmtpInbox();
 * const mail = await inbox.waitFor('ada@example.com');
 */
export async function startSmtpInbox() {
  const messages: ParsedMail[] = [];
  const waiters = new Set<() => void>();
  const server = new SMTPServer({
    // Plain SMTP on loopback: no TLS to set up, no login to check.
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    size: 1024 * 1024,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          messages.push(mail);
          for (const wake of waiters) wake();
          callback();
        },
        (error: unknown) => callback(error as Error),
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as { port: number };

  const to = (mail: ParsedMail) =>
    (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((t) =>
      t.value.map((v) => v.address),
    );

  return {
    url: `smtp://127.0.0.1:${port}`,
    /** Every message sent to `address` so far. */
    to(address: string): ParsedMail[] {
      return messages.filter((mail) => to(mail).includes(address));
    },
    /** The `n`-th message to `address` (1 = first), waiting up to `timeoutMs` for it. */
    async waitFor(address: string, n = 1, timeoutMs = 10_000): Promise<ParsedMail> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = this.to(address)[n - 1];
        if (found) return found;
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no message ${n} to ${address} within ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          const wake = () => {
            waiters.delete(wake);
            clearTimeout(timer);
            resolve();
          };
          const timer = setTimeout(wake, left);
          waiters.add(wake);
        });
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
export type SmtpInbox = Awaited<ReturnType<typeof startSmtpInbox>>;

/** The token in a reset email's link (`…/reset-password#token=…`). */
export function resetTokenOf(mail: ParsedMail): string {
  const match = /https?:\/\/\S+\/reset-password#token=([\w-]{43})/.exec(mail.text ?? '');
  if (!match?.[1]) throw new Error(`no reset link in:\n${mail.text}`);
  return match[1];
}
