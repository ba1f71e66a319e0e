// Encrypt/decrypt throughput of the field cipher (AES-256-GCM, per-subject data key) on one core.
// Run: npx tsx bench/crypto.bench.ts   (prints a Markdown table row set)
import fs from 'node:fs';
import path from 'node:path';
import {
  decryptField,
  encryptField,
  newDataKey,
  unwrapDataKey,
  wrapDataKey,
} from '../src/domain/crypto/envelope.ts';

const measure = (label: string, iterations: number, fn: (i: number) => void) => {
  for (let i = 0; i < Math.min(iterations, 10_000); i++) fn(i);
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) fn(i);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { label, perSecond: Math.round(iterations / seconds), microseconds: (seconds * 1e6) / iterations };
};

const dataKey = newDataKey();
const masterKey = newDataKey();
const note =
  'Kunde wünscht Rückruf am Dienstag wegen der Rechnung 2026-0412; bevorzugt Termine am Vormittag.';
const sealed = encryptField({ dataKey, value: note, context: 'persons:p:notes' });
const wrapped = wrapDataKey({ masterKey, dataKey, tenantId: 't', subjectId: 's' });
const big = 'x'.repeat(4096);
const sealedBig = encryptField({ dataKey, value: big, context: 'c' });

const rows = [
  measure('encrypt a note (100 chars)', 200_000, (i) =>
    encryptField({ dataKey, value: note, context: `persons:${i}:notes` }),
  ),
  measure('decrypt a note (100 chars)', 200_000, () =>
    decryptField({ dataKey, sealed, context: 'persons:p:notes' }),
  ),
  measure('encrypt 4 KiB of text', 50_000, () => encryptField({ dataKey, value: big, context: 'c' })),
  measure('decrypt 4 KiB of text', 50_000, () => decryptField({ dataKey, sealed: sealedBig, context: 'c' })),
  measure('unwrap a subject data key', 200_000, () =>
    unwrapDataKey({ masterKey, wrapped, tenantId: 't', subjectId: 's' }),
  ),
];
const table = [
  '| operation | per second (1 core) | µs each |',
  '|---|---:|---:|',
  ...rows.map((r) => `| ${r.label} | ${r.perSecond.toLocaleString('en')} | ${r.microseconds.toFixed(1)} |`),
].join('\n');
const section = `\n## ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC — field cipher throughput\n\n- Command: \`npm run bench:crypto\`; Node ${process.version}, one core (AES-256-GCM, per-person data key)\n\n${table}\n`;
fs.appendFileSync(path.join(import.meta.dirname, 'RESULTS.md'), section);
process.stdout.write(section);
