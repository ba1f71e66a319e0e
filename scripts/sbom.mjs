// Writes the CycloneDX SBOM of the production dependencies, as package-lock.json pins them, to
// bench/security/sbom.cdx.json (`npm run sbom`; docs/security.md, "Dependency review").
//
// `npm sbom --omit dev` is not used: it drops production packages that a dev dependency also names as
// a peer (npm/cli#7909; here zod, tsx and esbuild). Instead the full SBOM is kept to the packages the
// lockfile does not mark `dev` (npm marks a package dev only when nothing but dev dependencies need it).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const target = path.join(root, 'bench', 'security', 'sbom.cdx.json');
const readJson = (file) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));
const manifest = readJson('package.json');
const lock = readJson('package-lock.json');

const production = new Set(
  Object.entries(lock.packages)
    .filter(([key, entry]) => key !== '' && !entry.dev && !entry.link)
    .map(
      ([key, entry]) =>
        `${key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length)}@${entry.version}`,
    ),
);

const bom = JSON.parse(
  execFileSync('npm', ['sbom', '--sbom-format', 'cyclonedx', '--package-lock-only'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  }),
);
// npm names the root component after the checkout's folder; the SBOM describes the package
bom.metadata.component.name = manifest.name;
bom.components = bom.components.filter((c) => production.has(`${c.name}@${c.version}`));
const kept = new Set([bom.metadata.component['bom-ref'], ...bom.components.map((c) => c['bom-ref'])]);
bom.dependencies = bom.dependencies
  .filter((d) => kept.has(d.ref))
  .map((d) => (d.dependsOn ? { ...d, dependsOn: d.dependsOn.filter((ref) => kept.has(ref)) } : d));
fs.writeFileSync(target, `${JSON.stringify(bom, null, 2)}\n`);
process.stdout.write(`${path.relative(root, target)}: ${bom.components.length} production components\n`);
