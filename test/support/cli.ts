import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

/**
 * The real `custos` command, spawned as an operator would run it (`node bin/custos.mjs …` from the
 * repository root), and the small helpers the CLI tests share.
 */
export const ROOT = path.resolve(import.meta.dirname, '..', '..');
const CLI = path.join(ROOT, 'bin', 'custos.mjs');

export type Run = { code: number | null; stdout: string; stderr: string };

/** The environment of the test process minus everything that would point the CLI elsewhere. */
export const cleanEnv = (): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, LANG: 'C.UTF-8', LC_ALL: '' };
  for (const name of ['DATABASE_URL', 'CUSTOS_MASTER_KEY', 'CUSTOS_DATA_DIR', 'PORT', 'HOST'])
    delete env[name];
  return env;
};

/** Runs the command to its end (killed after `timeoutMs`) and collects its exit code and output. */
export const runCli = (args: string[], env: NodeJS.ProcessEnv = cleanEnv(), timeoutMs = 90_000) =>
  new Promise<Run>((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });

/** Spawns the command and leaves it running (a server), output ignored unless piped by the caller. */
export const spawnCli = (args: string[], env: NodeJS.ProcessEnv) =>
  spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });

/** A loopback port nobody listens on right now. */
export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

/** Resolves with the exit code once the child has exited (at once if it already has). */
export const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
