import type { Transporter } from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** Extra headers, e.g. List-Unsubscribe and List-Unsubscribe-Post on notifications. */
  headers?: Record<string, string>;
}

/** Where outbox email goes. Throwing means "try again later": the outbox keeps the message and backs off. */
export interface MailTransport {
  readonly kind: 'smtp' | 'dev';
  send(message: MailMessage & { from: string }): Promise<void>;
}

export function createSmtpTransport(url: string): MailTransport {
  // nodemailer is loaded when the first message goes out, not at start-up.
  let transporter: Promise<Transporter> | null = null;
  return {
    kind: 'smtp',
    async send(message) {
      transporter ??= import('nodemailer').then(({ default: nodemailer }) => nodemailer.createTransport(url));
      await (await transporter).sendMail({ from: message.from, to: message.to, subject: message.subject, text: message.text, headers: message.headers });
    },
  };
}

/**
 * Development: nothing leaves the machine. The outbox row itself is the sent mail, and /dev/mail shows it
 * (the link in an invitation can be followed from there).
 */
export function createDevTransport(): MailTransport {
  return { kind: 'dev', send: async () => undefined };
}
