import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The dependency supply chain, checked from the committed files (lockfile-lint style, without a new
 * dependency; ASVS 15.2.4, docs/adr/0036-dependency-sources-and-install-scripts.md):
 * every locked package comes from the npm registry over HTTPS with an sha512 integrity hash, and only
 * allow-listed packages, each with a reason, have install scripts.
 */

const ROOT = path.resolve(import.meta.dirname, '..');
const REGISTRY = 'https://registry.npmjs.org/';

type LockEntry = {
  version?: string;
  resolved?: string;
  integrity?: string;
  link?: boolean;
  inBundle?: boolean;
  hasInstallScript?: boolean;
  dev?: boolean;
};
type CycloneDx = {
  bomFormat: string;
  specVersion: string;
  metadata: { component: { name: string; version: string } };
  components: { name: string; version: string; purl: string }[];
};
type Lockfile = { lockfileVersion: number; packages: Record<string, LockEntry> };

const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8')) as T;

/** The package name of a lockfile key: "node_modules/a/node_modules/@s/b" → "@s/b". */
const packageName = (key: string) => key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);

/** Problems of one lockfile entry: a source other than the npm registry over HTTPS, or no sha512 hash. */
const sourceProblems = (key: string, entry: LockEntry): string[] => {
  if (key === '' || entry.inBundle) return []; // the project itself; files shipped inside another package's tarball
  if (entry.link) return [`${key}: a link to ${entry.resolved} (a local folder, not the registry)`];
  const problems: string[] = [];
  const name = packageName(key);
  // npm leaves `resolved` out under omit-lockfile-registry-resolved: then the configured registry
  // (the npm registry, see the ADR) serves it. When present it must be a registry tarball over https.
  if (entry.resolved !== undefined) {
    let url: URL | null = null;
    try {
      url = new URL(entry.resolved);
    } catch {
      // not a URL: a git or file spec
    }
    if (url?.protocol !== 'https:' || `${url.origin}/` !== REGISTRY)
      problems.push(`${key}: resolved from ${entry.resolved}, not ${REGISTRY} over https`);
    else if (!url.pathname.startsWith(`/${name}/-/`))
      problems.push(`${key}: resolved to another package's tarball ${entry.resolved}`);
  }
  if (!entry.version || !/^\d+\.\d+\.\d+(?:[-+][\w.+-]+)?$/.test(entry.version))
    problems.push(`${key}: version ${entry.version} is not a registry version (git, file or URL spec?)`);
  if (!entry.integrity?.startsWith('sha512-')) problems.push(`${key}: no sha512 integrity hash`);
  return problems;
};

/** A dependency range in package.json that does not come from the registry (git, URL, file, link, alias). */
const foreignSpec = (spec: string) =>
  /^(?:git|git\+\w+|https?|file|link|npm|github|gitlab|bitbucket):|^[\w.-]+\/[\w.-]+(?:#.*)?$/.test(spec);

describe('dependency supply chain', () => {
  const lock = readJson<Lockfile>('package-lock.json');
  const manifest = readJson<{
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  }>('package.json');
  const allow = readJson<Record<string, string>>('test/supply-chain/install-scripts.allow.json');
  const entries = Object.entries(lock.packages);

  it('the lockfile is version 3 and covers every direct dependency', () => {
    expect(lock.lockfileVersion).toBe(3);
    for (const name of Object.keys({ ...manifest.dependencies, ...manifest.devDependencies }))
      expect(lock.packages[`node_modules/${name}`], name).toBeDefined();
    expect(entries.length).toBeGreaterThan(100);
  });

  it('every locked package comes from the npm registry over https with an sha512 integrity hash', () => {
    const problems = entries.flatMap(([key, entry]) => sourceProblems(key, entry));
    expect(problems).toEqual([]);
  });

  it('package.json asks only for registry versions (no git, URL, file or alias specs)', () => {
    const foreign = Object.entries({ ...manifest.dependencies, ...manifest.devDependencies }).filter(
      ([, spec]) => foreignSpec(spec),
    );
    expect(foreign).toEqual([]);
  });

  it('the source check catches what lockfile-lint would (it can fail)', () => {
    const ok = { version: '1.0.0', integrity: 'sha512-abc' };
    expect(sourceProblems('node_modules/a', ok)).toEqual([]);
    expect(sourceProblems('node_modules/a', { ...ok, resolved: `${REGISTRY}a/-/a-1.0.0.tgz` })).toEqual([]);
    expect(
      sourceProblems('node_modules/a', { ...ok, resolved: 'http://registry.npmjs.org/a/-/a-1.0.0.tgz' }),
    ).toHaveLength(1);
    expect(
      sourceProblems('node_modules/a', { ...ok, resolved: 'https://evil.example/a/-/a-1.0.0.tgz' }),
    ).toHaveLength(1);
    expect(sourceProblems('node_modules/a', { ...ok, resolved: `${REGISTRY}b/-/b-1.0.0.tgz` })).toHaveLength(
      1,
    );
    expect(
      sourceProblems('node_modules/a', {
        version: 'git+ssh://git@github.com/x/a.git#abc',
        resolved: 'git+ssh://git@github.com/x/a.git#abc',
      }),
    ).toHaveLength(3);
    expect(sourceProblems('node_modules/a', { version: '1.0.0', integrity: 'sha1-abc' })).toHaveLength(1);
    expect(sourceProblems('node_modules/a', { link: true, resolved: '../a' })).toHaveLength(1);
    expect(foreignSpec('^1.2.3')).toBe(false);
    expect(foreignSpec('github:user/repo')).toBe(true);
    expect(foreignSpec('user/repo#main')).toBe(true);
    expect(foreignSpec('npm:other@1')).toBe(true);
    expect(foreignSpec('file:../x')).toBe(true);
  });

  it('the committed SBOM (npm run sbom) lists exactly the production packages the lockfile pins', () => {
    const bom = readJson<CycloneDx>('bench/security/sbom.cdx.json');
    expect(bom.bomFormat).toBe('CycloneDX');
    expect(bom.metadata.component).toMatchObject({
      name: 'custos',
      version: readJson<{ version: string }>('package.json').version,
    });
    const listed = bom.components.map((c) => `${c.name}@${c.version}`).sort();
    // every direct production dependency, at its locked version
    for (const name of Object.keys(manifest.dependencies ?? {}))
      expect(listed, `${name} (run npm run sbom)`).toContain(
        `${name}@${lock.packages[`node_modules/${name}`]?.version}`,
      );
    // and every package the lockfile does not mark dev, no more and no fewer: a changed lockfile
    // without a new SBOM fails here
    const production = entries
      .filter(([key, e]) => key !== '' && !e.dev && !e.link)
      .map(([key, e]) => `${packageName(key)}@${e.version}`);
    expect(listed, 'run npm run sbom').toEqual([...new Set(production)].sort());
    expect(listed.some((ref) => ref.startsWith('vitest@'))).toBe(false);
  });

  it('only allow-listed packages have install scripts, each with a reason, and the list has no stale entries', () => {
    const withScripts = [
      ...new Set(entries.filter(([, e]) => e.hasInstallScript).map(([key]) => packageName(key))),
    ].sort();
    const listed = Object.keys(allow)
      .filter((k) => !k.startsWith('$'))
      .sort();
    expect(withScripts).toEqual(listed);
    for (const name of listed) expect(allow[name]!.length, name).toBeGreaterThan(40);
  });
});
