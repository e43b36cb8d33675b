import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/test-database';
import { newInstitution, SYSTEM_ADMIN } from '../../../test/helpers/factories';
import { inviteUser } from './account-link.service';
import { createMailer } from './account.mail';

describe('invitation links by mail when an SMTP server is configured', () => {
  let tdb: TestDatabase;
  let server: SMTPServer;
  let port: number;
  const received: { to: string[]; data: string }[] = [];
  const store = () => ({ db: tdb.handle.db, dialect: tdb.handle.dialect });

  beforeAll(async () => {
    tdb = await createTestDatabase();
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        let data = '';
        stream.on('data', (c: Buffer) => (data += c.toString('utf8')));
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), data });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await tdb.destroy();
  });

  it('mails the one-time link to the invitee, from the configured address', async () => {
    const inst = await newInstitution(store());
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, mailFrom: 'Alliance Secretariat <secretariat@example.org>' });
    const link = await inviteUser(store().db, SYSTEM_ADMIN, { email: 'new.curator@example.org', institutionId: inst.id, role: 'curator' }, { publicUrl: 'https://hub.example.org', mailer });
    expect(link.mailed).toBe(true);
    const mail = received.at(-1)!;
    expect(mail.to).toEqual(['new.curator@example.org']);
    expect(mail.data).toContain('From: Alliance Secretariat <secretariat@example.org>');
    expect(mail.data).toContain('Subject: You are invited to Heritage Commons');
    expect(mail.data.replace(/=\r?\n/g, '')).toContain(link.url);
  });

  it('still returns the link, unmailed, when the mail server cannot be reached', async () => {
    const inst = await newInstitution(store());
    const mailer = createMailer({ smtpUrl: 'smtp://127.0.0.1:1', mailFrom: 'x@example.org' });
    const link = await inviteUser(store().db, SYSTEM_ADMIN, { email: 'unreached@example.org', institutionId: inst.id }, { publicUrl: 'https://hub.example.org', mailer });
    expect(link.mailed).toBe(false);
    expect(link.url).toMatch(/^https:\/\/hub\.example\.org\/invite\/[A-Za-z0-9_-]{40,}$/);
  });
});
