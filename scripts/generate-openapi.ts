// Writes openapi/openapi.json from the zod schemas of the routes (the committed contract).
import fs from 'node:fs';
import path from 'node:path';
import { renderOpenApi } from '../src/server/openapi.ts';

const file = path.join(import.meta.dirname, '..', 'openapi', 'openapi.json');
fs.writeFileSync(file, await renderOpenApi());
process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
