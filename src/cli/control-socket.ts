import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { AppError } from '../domain/errors.ts';
import type { AppContext } from '../server/context.ts';
import { messageFor } from '../server/messages.ts';
import { codeOfError, OPERATIONS, type OperationResult } from './operations.ts';

/**
 * A running server listens on `<dataDir>/custos.sock` (mode 0600: only the owner of the data folder)
 * so that CLI commands reach the embedded database it holds open.
 */
export const socketPath = (dataDir: string) => path.join(dataDir, 'custos.sock');

type Reply = { status: number; body: OperationResult | { code: string; message: string } };

const execute = async (
  ctx: AppContext,
  op: string,
  args: Record<string, string | undefined>,
): Promise<Reply> => {
  const run = OPERATIONS[op];
  if (!run) return { status: 404, body: { code: 'not_found', message: `unknown operation ${op}` } };
  try {
    return { status: 200, body: await run(ctx, args) };
  } catch (error) {
    if (error instanceof AppError) {
      const details = Array.isArray(error.details) ? ` ${JSON.stringify(error.details)}` : '';
      return {
        status: 422,
        body: { code: error.code, message: messageFor(error.code, 'en', error.params) + details },
      };
    }
    return { status: 500, body: { code: codeOfError(error), message: (error as Error).message } };
  }
};

export const startControlSocket = async (ctx: AppContext): Promise<() => Promise<void>> => {
  const file = socketPath(ctx.config.dataDir);
  fs.rmSync(file, { force: true });
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', async () => {
      let reply: Reply;
      try {
        const { op, args } = JSON.parse(body) as { op: string; args: Record<string, string | undefined> };
        reply = await execute(ctx, op, args ?? {});
      } catch {
        reply = { status: 400, body: { code: 'invalid_json', message: 'bad control request' } };
      }
      res.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve, reject) => server.listen(file, resolve).once('error', reject));
  fs.chmodSync(file, 0o600);
  return () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      fs.rmSync(file, { force: true });
    });
};

/** Runs an operation in the server that holds the data folder; null when no server is listening. */
export const runViaSocket = (dataDir: string, op: string, args: Record<string, string | undefined>) =>
  new Promise<Reply | null>((resolve) => {
    const file = socketPath(dataDir);
    if (!fs.existsSync(file)) return resolve(null);
    const req = http.request({ socketPath: file, method: 'POST', path: '/run' }, (res) => {
      let body = '';
      res.on('data', (c) => {
        body += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 500, body: JSON.parse(body) }));
    });
    req.on('error', () => resolve(null));
    req.end(JSON.stringify({ op, args }));
  });
