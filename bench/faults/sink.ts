import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

/**
 * An SMTP sink in a child process of the runner (so it outlives every kill of the server): accepts
 * every message and counts deliveries per recipient address. `counts()` asks it for the tally.
 */
const SINK = `
import { createRequire } from 'node:module';
import readline from 'node:readline';
const require = createRequire(process.cwd() + '/');
const { SMTPServer } = require('smtp-server');
const perAddress = {};
let total = 0;
const server = new SMTPServer({
  authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'], logger: false, size: 10 * 1024 * 1024,
  onData(stream, session, callback) {
    stream.on('data', () => {});
    stream.on('end', () => {
      for (const r of session.envelope.rcptTo) perAddress[r.address] = (perAddress[r.address] ?? 0) + 1;
      total += 1;
      callback();
    });
  },
});
server.on('error', () => {});
server.listen(0, '127.0.0.1', () => process.stdout.write('port ' + server.server.address().port + '\\n'));
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  if (line === 'total') process.stdout.write('total ' + total + '\\n');
  if (line === 'counts') process.stdout.write('counts ' + JSON.stringify(perAddress) + '\\n');
  if (line === 'reset') { for (const k of Object.keys(perAddress)) delete perAddress[k]; total = 0; process.stdout.write('reset\\n'); }
  if (line === 'stop') server.close(() => process.exit(0));
});
`;

export type Sink = {
  url: string;
  total: () => Promise<number>;
  counts: () => Promise<Record<string, number>>;
  stop: () => Promise<void>;
};

export const startSink = async (): Promise<Sink> => {
  const child: ChildProcess = spawn(process.execPath, ['--input-type=module', '-e', SINK], {
    cwd: path.resolve(import.meta.dirname, '..', '..'),
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines: string[] = [];
  const waiters: (() => void)[] = [];
  let buffer = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    lines.push(...parts);
    for (const w of waiters.splice(0)) w();
  });
  const next = async (prefix: string) => {
    for (;;) {
      const i = lines.findIndex((l) => l.startsWith(prefix));
      if (i >= 0) return lines.splice(i, 1)[0]!.slice(prefix.length).trim();
      await new Promise<void>((r) => waiters.push(r));
    }
  };
  const port = Number(await next('port '));
  return {
    url: `smtp://127.0.0.1:${port}`,
    total: async () => {
      child.stdin?.write('total\n');
      return Number(await next('total '));
    },
    counts: async () => {
      child.stdin?.write('counts\n');
      return JSON.parse(await next('counts ')) as Record<string, number>;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.stdin?.write('stop\n');
      }),
  };
};
