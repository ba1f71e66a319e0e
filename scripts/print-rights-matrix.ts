// Prints the default rights matrix (role × data category, and the administrative actions) as Markdown
// tables from src/domain/permissions/roles.ts, for docs/dpo.md: `npx tsx scripts/print-rights-matrix.ts`.
import { ACTIONS, CATEGORY_ACCESS, canDo, ROLES } from '../src/domain/permissions/roles.ts';
import { DATA_CATEGORIES, DATA_CATEGORY_INFO } from '../src/domain/privacy/data-categories.ts';

const CELL = { write: 'read + write', read: 'read', none: '–' } as const;

const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
const table = (header: string[], rows: string[][]) =>
  [row(header), row(header.map(() => '---')), ...rows.map(row)].join('\n');

const categories = table(
  ['role', ...DATA_CATEGORIES.map((c) => `${c}${DATA_CATEGORY_INFO[c].special ? ' (Art. 9)' : ''}`)],
  ROLES.map((role) => [role, ...DATA_CATEGORIES.map((c) => CELL[CATEGORY_ACCESS[role][c]])]),
);

const actions = table(
  ['action', ...ROLES],
  ACTIONS.map((action) => [action, ...ROLES.map((role) => (canDo({ role, action }) ? 'yes' : '–'))]),
);

process.stdout.write(`${categories}\n\n${actions}\n`);
