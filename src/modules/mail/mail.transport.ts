import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';

/**
 * One pooled SMTP transport per SMTP_URL (nodemailer). Custos keeps a few connections open and
 * reuses them, so a campaign does not pay a TCP and SMTP handshake per message.
 */
const transports = new Map<string, Transporter>();

export const smtpTransport = (smtpUrl: string): Transporter => {
  let transport = transports.get(smtpUrl);
  if (!transport) {
    const url = new URL(smtpUrl);
    transport = nodemailer.createTransport({
      pool: true,
      maxConnections: 4,
      maxMessages: Number.POSITIVE_INFINITY,
      host: url.hostname,
      port: Number(url.port || (url.protocol === 'smtps:' ? 465 : 587)),
      secure: url.protocol === 'smtps:',
      auth: url.username
        ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
        : undefined,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
    transports.set(smtpUrl, transport);
  }
  return transport;
};

/** Closes every pooled transport (server shutdown, tests). */
export const closeSmtpTransports = () => {
  for (const transport of transports.values()) transport.close();
  transports.clear();
};

/** Renders a mail as RFC 5322 text (the .eml file the outbox keeps when no SMTP is configured). */
const rawRenderer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });

export const renderRaw = async (mail: SendMailOptions): Promise<Buffer> => {
  const info = (await rawRenderer.sendMail(mail)) as unknown as { message: Buffer };
  return info.message;
};

/** What an SMTP failure means: the server refused the recipient (bounce) or could not be reached. */
export const classifySmtpError = (error: unknown): { status: 'bounced' | 'failed'; reason: string } => {
  const e = error as { responseCode?: number; code?: string; response?: string; message?: string };
  const reason = (e.response ?? e.message ?? String(error)).slice(0, 500);
  if (
    e.code === 'EENVELOPE' ||
    (typeof e.responseCode === 'number' && e.responseCode >= 500 && e.responseCode < 600)
  )
    return { status: 'bounced', reason };
  return { status: 'failed', reason };
};
