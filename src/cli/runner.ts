import fs from 'node:fs';
import { loadConfig } from '../config.ts';
import { AppError } from '../domain/errors.ts';
import { openContext } from '../server/bootstrap.ts';
import { localeFrom, messageFor } from '../server/messages.ts';
import { runViaSocket } from './control-socket.ts';
import { codeOfError, OPERATIONS } from './operations.ts';

export const locale = localeFrom(process.env.LC_ALL || process.env.LANG?.replace('_', '-'));

/** How every command fails: `custos: <message> [<code>]` on stderr and exit code 1. */
export const fail = (code: string, message: string): never => {
  process.stderr.write(`custos: ${message} [${code}]\n`);
  process.exit(1);
};

/** The configuration from the environment; a value Custos cannot work with fails the command. */
export const configOrFail = () => {
  try {
    return loadConfig();
  } catch (error) {
    return fail(codeOfError(error), (error as Error).message);
  }
};

/** Runs an operator command: in a running server if one holds the embedded database, else in-process. */
export const run = async (op: string, args: Record<string, string | undefined>): Promise<void> => {
  const config = configOrFail();
  if (!config.databaseUrl) {
    const remote = await runViaSocket(config.dataDir, op, args);
    if (remote) {
      if (remote.status === 200 && 'stdout' in remote.body) {
        process.stdout.write(remote.body.stdout);
        if (remote.body.exitCode) process.exitCode = remote.body.exitCode;
        return;
      }
      const body = remote.body as { code: string; message: string };
      return fail(body.code, body.message);
    }
  }
  let ctx: Awaited<ReturnType<typeof openContext>> | undefined;
  try {
    // restore replaces the whole database (then migrates and checks the key itself): whatever is there now,
    // even a database of another master key, is not opened as an installation first.
    ctx = await openContext(config, { applyMigrations: op !== 'migrate' && op !== 'restore' });
    const result = await OPERATIONS[op]!(ctx, args);
    process.stdout.write(result.stdout);
    if (result.exitCode) process.exitCode = result.exitCode;
  } catch (error) {
    if (error instanceof AppError) {
      const details = Array.isArray(error.details) ? ` ${JSON.stringify(error.details)}` : '';
      await ctx?.close();
      return fail(error.code, messageFor(error.code, locale, error.params) + details);
    }
    await ctx?.close();
    return fail(codeOfError(error), (error as Error).message);
  }
  await ctx.close();
};

export const readInput = (file: string, what: string) => {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    return fail('not_found', `cannot read the ${what} ${file}: ${(error as NodeJS.ErrnoException).code}`);
  }
};
