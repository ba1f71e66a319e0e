import { describe, expect, it } from 'vitest';
import { DATA_CATEGORIES, type DataCategory, isSpecialCategory } from '../privacy/data-categories.ts';
import {
  ACTIONS,
  type Action,
  CATEGORY_ACCESS,
  canDo,
  canRead,
  canSeeRecord,
  canWrite,
  ROLES,
  type Role,
  seesAllDepartments,
} from './roles.ts';

/**
 * The default rights matrix, written out independently of roles.ts (and as in docs/dpo.md):
 * W = read and write, R = read only, - = no access. Columns in DATA_CATEGORIES order.
 */
const COLUMNS: DataCategory[] = [
  'identity',
  'contact',
  'address',
  'communication',
  'interests',
  'organization',
  'special_health',
  'contract',
  'billing',
  'service',
];
const EXPECTED_MATRIX: Record<Role, string> = {
  admin: 'W W W W W W - W W W',
  dpo: 'W W W W W W W W W W',
  sales: 'W W W W W W - W R R',
  marketing: 'R R R - W R - - - -',
  support: 'W W W W W W W R R W',
  accounting: 'R R W - - W - W W R',
  readonly: 'R R R - R R - R - R',
};
const expected = (role: Role, category: DataCategory) =>
  EXPECTED_MATRIX[role].split(' ')[COLUMNS.indexOf(category)];

/** Which roles may perform each administrative action. */
const EXPECTED_ACTIONS: Record<Action, Role[]> = {
  'users.manage': ['admin'],
  'departments.manage': ['admin'],
  'purposes.manage': ['admin', 'dpo'],
  'tags.manage': ['admin', 'sales', 'marketing', 'support'],
  'records.create': ['admin', 'dpo', 'sales', 'support'],
  'records.delete': ['admin', 'dpo'],
  'audit.read': ['dpo'],
  'pipeline.manage': ['admin'],
  'customer_groups.manage': ['admin', 'accounting'],
  'invoices.import': ['admin', 'accounting'],
  'reports.read': ['admin', 'dpo', 'sales', 'marketing', 'support', 'accounting'],
  'requests.intake': ['admin', 'dpo', 'sales', 'marketing', 'support', 'accounting'],
  'requests.manage': ['dpo'],
  'recipients.manage': ['admin', 'dpo'],
  'disclosures.record': ['admin', 'dpo', 'sales', 'marketing', 'support', 'accounting'],
  'templates.manage': ['dpo'],
  'suppressions.manage': ['dpo'],
  'marketing.read': ['admin', 'dpo', 'sales', 'marketing'],
  'marketing.manage': ['admin', 'marketing'],
  'consents.record': ['admin', 'dpo', 'sales', 'marketing', 'support'],
  'consent_wordings.manage': ['admin', 'dpo'],
  'outbox.read': ['admin', 'dpo', 'marketing'],
  'campaigns.respond': ['admin', 'sales', 'marketing', 'support'],
  'breaches.report': ['admin', 'dpo', 'sales', 'marketing', 'support', 'accounting'],
  'breaches.manage': ['dpo'],
  'retention.read': ['admin', 'dpo'],
  'retention.manage': ['dpo'],
  'legal_holds.manage': ['admin', 'dpo', 'accounting'],
  'ropa.read': ['admin', 'dpo'],
  'ropa.manage': ['dpo'],
  'dpia.manage': ['dpo'],
  'self_check.read': ['admin', 'dpo'],
  'imports.run': ['admin', 'sales'],
  'imports.read': ['admin', 'dpo', 'sales'],
  'quality.read': ['admin', 'dpo', 'sales', 'marketing', 'support'],
  'quality.manage': ['admin', 'dpo'],
  'consistency.compare': ['admin', 'dpo', 'sales'],
  'webforms.manage': ['admin', 'marketing'],
  'webforms.inbox': ['admin', 'sales', 'marketing', 'support'],
  'redactions.review': ['admin', 'dpo'],
  'duplicates.review': ['admin', 'dpo', 'sales', 'support'],
  'persons.merge': ['admin', 'dpo', 'sales', 'support'],
};

/** The only roles explicitly granted special categories (Art. 9): support and the DPO. */
const SPECIAL_CATEGORY_ROLES: Role[] = ['dpo', 'support'];

const cells = ROLES.flatMap((role) => DATA_CATEGORIES.map((category) => ({ role, category })));

describe('rights matrix: role × data category', () => {
  it('covers exactly the known roles and data categories', () => {
    expect(ROLES).toEqual(['admin', 'dpo', 'sales', 'marketing', 'support', 'accounting', 'readonly']);
    expect(COLUMNS).toEqual([...DATA_CATEGORIES]);
    expect(Object.keys(CATEGORY_ACCESS).sort()).toEqual([...ROLES].sort());
    for (const role of ROLES) {
      expect(Object.keys(CATEGORY_ACCESS[role]).sort()).toEqual([...DATA_CATEGORIES].sort());
    }
  });

  it.each(cells)('$role on $category: read and write as the matrix says', ({ role, category }) => {
    const cell = expected(role, category);
    expect(cell, `no expectation for ${role} × ${category}`).toMatch(/^[WR-]$/);
    expect(canRead({ role, category })).toBe(cell !== '-');
    expect(canWrite({ role, category })).toBe(cell === 'W');
  });

  it('write access always implies read access', () => {
    for (const { role, category } of cells) {
      if (canWrite({ role, category })) expect(canRead({ role, category })).toBe(true);
    }
  });

  it('special categories are readable and writable only by the explicitly granted roles', () => {
    const special = DATA_CATEGORIES.filter(isSpecialCategory);
    expect(special).toEqual(['special_health']);
    for (const category of special) {
      expect(ROLES.filter((role) => canRead({ role, category })).sort()).toEqual(SPECIAL_CATEGORY_ROLES);
      expect(ROLES.filter((role) => canWrite({ role, category })).sort()).toEqual(SPECIAL_CATEGORY_ROLES);
    }
  });

  it.each(ROLES.filter((r) => !SPECIAL_CATEGORY_ROLES.includes(r)))(
    '%s cannot read special-category data, not even as administrator',
    (role) => {
      for (const category of DATA_CATEGORIES.filter(isSpecialCategory)) {
        expect(CATEGORY_ACCESS[role][category]).toBe('none');
        expect(canRead({ role, category })).toBe(false);
      }
    },
  );

  it('readonly writes nothing; communication content is hidden from marketing, accounting, readonly', () => {
    for (const category of DATA_CATEGORIES) expect(canWrite({ role: 'readonly', category })).toBe(false);
    for (const role of ['marketing', 'accounting', 'readonly'] as const) {
      expect(canRead({ role, category: 'communication' })).toBe(false);
    }
  });
});

describe('canDo: administrative actions', () => {
  it('knows exactly these actions', () => {
    expect([...ACTIONS].sort()).toEqual(Object.keys(EXPECTED_ACTIONS).sort());
  });

  it.each(ACTIONS.flatMap((action) => ROLES.map((role) => ({ action, role }))))(
    '$role may $action: as listed',
    ({ action, role }) => {
      expect(canDo({ role, action })).toBe(EXPECTED_ACTIONS[action].includes(role));
    },
  );

  it('only the DPO reads the audit trail, not even the admin (no performance monitoring, BetrVG § 87)', () => {
    expect(ROLES.filter((role) => canDo({ role, action: 'audit.read' }))).toEqual(['dpo']);
  });

  it('only admin manages users and departments; readonly may do no action, accounting only billing work (and, like everyone, records requests and disclosures)', () => {
    expect(ROLES.filter((role) => canDo({ role, action: 'users.manage' }))).toEqual(['admin']);
    expect(ROLES.filter((role) => canDo({ role, action: 'departments.manage' }))).toEqual(['admin']);
    for (const action of ACTIONS) expect(canDo({ role: 'readonly', action })).toBe(false);
    expect(ACTIONS.filter((action) => canDo({ role: 'accounting', action }))).toEqual([
      'customer_groups.manage',
      'invoices.import',
      'reports.read',
      'requests.intake',
      'disclosures.record',
      'breaches.report',
      'legal_holds.manage',
    ]);
  });
});

describe('canSeeRecord: logical data separation by department', () => {
  const SALES = 'dep-sales';
  const SERVICE = 'dep-service';
  const BILLING = 'dep-billing';

  it.each(['admin', 'dpo'] as const)('%s sees every record, whatever the departments', (role) => {
    expect(seesAllDepartments(role)).toBe(true);
    expect(canSeeRecord({ role, userDepartments: [], recordDepartments: [SALES] })).toBe(true);
    expect(canSeeRecord({ role, userDepartments: [SERVICE], recordDepartments: [SALES, BILLING] })).toBe(
      true,
    );
    expect(canSeeRecord({ role, userDepartments: [], recordDepartments: [] })).toBe(true);
  });

  const scopedRoles = ROLES.filter((r) => r !== 'admin' && r !== 'dpo');

  it('exactly admin and dpo are tenant-wide', () => {
    expect(ROLES.filter(seesAllDepartments)).toEqual(['admin', 'dpo']);
  });

  it.each(scopedRoles)('%s: an unscoped record is visible to everyone in the tenant', (role) => {
    expect(seesAllDepartments(role)).toBe(false);
    expect(canSeeRecord({ role, userDepartments: [], recordDepartments: [] })).toBe(true);
    expect(canSeeRecord({ role, userDepartments: [SALES], recordDepartments: [] })).toBe(true);
  });

  it.each(scopedRoles)('%s: overlapping departments see the record', (role) => {
    expect(canSeeRecord({ role, userDepartments: [SALES], recordDepartments: [SALES] })).toBe(true);
    expect(canSeeRecord({ role, userDepartments: [SALES, SERVICE], recordDepartments: [SERVICE] })).toBe(
      true,
    );
    expect(
      canSeeRecord({ role, userDepartments: [BILLING], recordDepartments: [SALES, SERVICE, BILLING] }),
    ).toBe(true);
  });

  it.each(scopedRoles)('%s: disjoint departments do not see the record', (role) => {
    expect(canSeeRecord({ role, userDepartments: [SALES], recordDepartments: [SERVICE] })).toBe(false);
    expect(canSeeRecord({ role, userDepartments: [SALES, SERVICE], recordDepartments: [BILLING] })).toBe(
      false,
    );
  });

  it.each(scopedRoles)('%s without departments sees only unscoped records', (role) => {
    expect(canSeeRecord({ role, userDepartments: [], recordDepartments: [SALES] })).toBe(false);
    expect(canSeeRecord({ role, userDepartments: [], recordDepartments: [SALES, SERVICE] })).toBe(false);
    expect(canSeeRecord({ role, userDepartments: [], recordDepartments: [] })).toBe(true);
  });

  it('compares department ids exactly (no prefix or case folding)', () => {
    expect(canSeeRecord({ role: 'sales', userDepartments: ['dep'], recordDepartments: ['dep-sales'] })).toBe(
      false,
    );
    expect(canSeeRecord({ role: 'sales', userDepartments: ['DEP-SALES'], recordDepartments: [SALES] })).toBe(
      false,
    );
  });
});
