import nodemailer from 'nodemailer';
import type { Config } from '../../config/config';

/** Sends one plain-text message; resolves when the mail server accepted it. */
export interface Mailer {
  send(message: { to: string; subject: string; text: string }): Promise<void>;
}

/** A mailer over the configured SMTP server, or null when none is configured (links are then only shown). */
export function createMailer(config: Pick<Config, 'smtpUrl' | 'mailFrom'>): Mailer | null {
  if (!config.smtpUrl) return null;
  const transport = nodemailer.createTransport(config.smtpUrl);
  return {
    async send(message) {
      await transport.sendMail({ from: config.mailFrom, ...message });
    },
  };
}

/** The message that carries a one-time link (in English: the recipient's language is not known yet). */
export function linkMessage(kind: 'invite' | 'reset', url: string, expiresAt: string): { subject: string; text: string } {
  const until = `${expiresAt.slice(0, 16).replace('T', ' ')} UTC`;
  return kind === 'invite'
    ? {
        subject: 'You are invited to Heritage Commons',
        text: `You have been invited to join Heritage Commons, the shared digital library of the alliance.\n\nOpen this link to choose your password (it works once, until ${until}):\n${url}\n\nIf you did not expect this invitation, ignore this message.\n`,
      }
    : {
        subject: 'Reset your Heritage Commons password',
        text: `An administrator issued a link to set a new password for your Heritage Commons account.\n\nOpen it to choose a new password (it works once, until ${until}):\n${url}\n\nIf you did not ask for this, tell your administrator.\n`,
      };
}
