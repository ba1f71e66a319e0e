import { describe, expect, it } from 'vitest';
import { canAssignDepartments, ROLES } from './roles.ts';

describe('canAssignDepartments', () => {
  it('lets admin and DPO scope records to any departments, or none', () => {
    for (const role of ['admin', 'dpo'] as const) {
      expect(canAssignDepartments({ role, userDepartments: [], departmentIds: ['a', 'b'] })).toBe(true);
      expect(canAssignDepartments({ role, userDepartments: ['a'], departmentIds: [] })).toBe(true);
    }
  });

  it('lets other roles scope only to their own departments and never unscope a record', () => {
    for (const role of ROLES.filter((r) => r !== 'admin' && r !== 'dpo')) {
      expect(canAssignDepartments({ role, userDepartments: ['a', 'b'], departmentIds: ['a'] })).toBe(true);
      expect(canAssignDepartments({ role, userDepartments: ['a', 'b'], departmentIds: ['a', 'b'] })).toBe(
        true,
      );
      expect(canAssignDepartments({ role, userDepartments: ['a'], departmentIds: ['a', 'c'] })).toBe(false);
      expect(canAssignDepartments({ role, userDepartments: ['a'], departmentIds: [] })).toBe(false);
    }
  });

  it('lets a user without departments keep records unscoped but not claim a department', () => {
    expect(canAssignDepartments({ role: 'sales', userDepartments: [], departmentIds: [] })).toBe(true);
    expect(canAssignDepartments({ role: 'sales', userDepartments: [], departmentIds: ['a'] })).toBe(false);
  });
});
