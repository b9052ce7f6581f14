import nodemailer from 'nodemailer';

import type { Logger } from '../logger.ts';

/** How a reset link reaches its person: an email, or (without SMTP) the server's log. */
export type ResetDelivery = 'email' | 'log';

export interface ResetMailer {
  readonly delivery: ResetDelivery;
  /** Sends the link to `to`; failures are logged, never thrown (the answer was already given). */
  send(to: string, link: string): Promise<void>;
  close(): void;
}

export interface ResetMailOptions {
  /** `smtp://user:pass@host:587` or `smtps://…`; without it links go to the log. */
  smtpUrl?: string | undefined;
  /** The sender, e.g. `Skycast <no-reply@skycast.example>`. */
  from: string;
  logger: Logger;
}

const SUBJECT = 'Reset your Skycast password';

function bodyOf(link: string): string {
  return [
    'Someone (we hope you) asked to reset the password of your Skycast account.',
    '',
    `To choose a new password, open this link within 30 minutes:`,
    link,
    '',
    'The link works once. Choosing a new password signs you out on every device.',
    'If you did not ask for this, ignore this email: your password stays as it is.',
  ].join('\n');
}

/**
 * Sends password-reset links with nodemailer to the SMTP server in
 * `smtpUrl`. Without one (the embedded, single-machine default) the link is
 * written to the server's log at `warn`, for whoever runs it.
 *
 * @example
 * const mailer = createResetMailer({ smtpUrl: env.SMTP_URL, from: env.MAIL_FROM, logger });
 * await mailer.send('ada@example.com', 'https://skycast.example/reset-password#token=…');
 */
export function createResetMailer(options: ResetMailOptions): ResetMailer {
  const { logger } = options;
  if (!options.smtpUrl) {
    return {
      delivery: 'log',
      send(to, link) {
        logger.warn(
          { to, resetLink: link },
          'password reset asked for; SMTP_URL is not set, so the link is here instead of in an email',
        );
        return Promise.resolve();
      },
      close: () => undefined,
    };
  }
  const transport = nodemailer.createTransport(options.smtpUrl);
  return {
    delivery: 'email',
    async send(to, link) {
      try {
        await transport.sendMail({ from: options.from, to, subject: SUBJECT, text: bodyOf(link) });
      } catch (error) {
        // The address stays out of the log line; the cause says what the server refused.
        logger.error({ err: error }, 'sending a password-reset email failed');
      }
    },
    close: () => transport.close(),
  };
}
