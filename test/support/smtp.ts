import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type ReceivedMail = {
  /** envelope recipients (RCPT TO) */
  to: string[];
  from: string;
  parsed: ParsedMail;
  /** the raw RFC 5322 text */
  raw: string;
};

/**
 * A real SMTP server in the test process (smtp-server), parsing every accepted message with
 * mailparser. `rejectRecipient` makes the server refuse an address with 550 (a bounce).
 */
export const startSmtpServer = async (options: { rejectRecipient?: (address: string) => boolean } = {}) => {
  const received: ReceivedMail[] = [];
  const waiters: Array<() => void> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 10 * 1024 * 1024,
    onRcptTo(address, _session, callback) {
      if (options.rejectRecipient?.(address.address.toLowerCase())) {
        const error = new Error('550 5.1.1 mailbox unavailable') as Error & { responseCode: number };
        error.responseCode = 550;
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        try {
          const parsed = await simpleParser(raw);
          received.push({
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            parsed,
            raw,
          });
          for (const w of waiters.splice(0)) w();
          callback();
        } catch (error) {
          callback(error as Error);
        }
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;

  /** Waits until a received mail matches (default 10 s), then returns it. */
  const waitFor = async (match: (m: ReceivedMail) => boolean, timeoutMs = 10_000): Promise<ReceivedMail> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = received.find(match);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching mail within ${timeoutMs} ms (${received.length} received)`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  };
  /** The mails received for one address (envelope recipient). */
  const mailsTo = (address: string) => received.filter((m) => m.to.includes(address.toLowerCase()));

  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    received,
    waitFor,
    mailsTo,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

/** The first link in a mail's text that starts with `prefix`. */
export const linkIn = (mail: ReceivedMail, prefix: string): string => {
  const text = mail.parsed.text ?? '';
  const match = text.match(new RegExp(`${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[^\\s>"]*`));
  if (!match) throw new Error(`no link starting with ${prefix} in mail "${mail.parsed.subject}"`);
  return match[0];
};
