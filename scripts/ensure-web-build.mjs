// Builds the web UI when web/dist is missing or older than its sources (`--force`: always).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const web = path.join(root, 'web');
const dist = path.join(web, 'dist', 'index.html');

const newest = (dir) => {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs);
  }
  return latest;
};

if (!fs.existsSync(path.join(web, 'vite.config.ts'))) process.exit(0);
const stale =
  process.argv.includes('--force') ||
  !fs.existsSync(dist) ||
  fs.statSync(dist).mtimeMs <
    Math.max(newest(path.join(web, 'src')), fs.statSync(path.join(web, 'index.html')).mtimeMs);
if (stale) {
  process.stdout.write('Building the web UI…\n');
  execFileSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
}
