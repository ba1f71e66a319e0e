import type { Role } from '../permissions/roles.ts';
import { canDo, canWrite } from '../permissions/roles.ts';
import type { DataCategory } from '../privacy/data-categories.ts';
import { PERSON_FIELD_CATEGORIES } from '../privacy/data-categories.ts';

/**
 * Field locks (Art. 17, 21 GDPR): a person refused a kind of data (birthday, interests, photo, ...).
 * The field is emptied when it is locked, and every later write of it (UI, API, import) is refused
 * with `field_locked` until the lock is lifted. Identity (names), record facts and purposes cannot be
 * locked: without them there is no record.
 */
export const LOCKABLE_FIELDS = [
  'birthDate',
  'jobTitle',
  'phone',
  'email',
  'address',
  'notes',
  'tags',
  'accessibilityNeeds',
  /** reserved for issue 8 (person photos): the refusal can be recorded now */
  'photo',
] as const;
export type LockableField = (typeof LOCKABLE_FIELDS)[number];

export const isLockableField = (field: string): field is LockableField =>
  (LOCKABLE_FIELDS as readonly string[]).includes(field);

/** Input keys (API field names of PersonCreate / PersonPatch and imports) and the lockable field each writes. */
const INPUT_KEY_FIELDS: Record<string, LockableField> = {
  birthDate: 'birthDate',
  jobTitle: 'jobTitle',
  phone: 'phone',
  email: 'email',
  address: 'address',
  notes: 'notes',
  tags: 'tags',
  tagIds: 'tags',
  accessibilityNeeds: 'accessibilityNeeds',
  specialCategoryBasis: 'accessibilityNeeds',
  photo: 'photo',
};

/** The lockable field an input key writes, or null (names, record facts, purposes, version). */
export const lockableFieldOf = (inputKey: string): LockableField | null => INPUT_KEY_FIELDS[inputKey] ?? null;

/**
 * The first written input key that touches a locked field, with that field; null when the write may
 * proceed. Keys are checked in the order given, so the error names the first offending key.
 */
export const firstLockedWrite = (
  inputKeys: readonly string[],
  locked: readonly string[],
): { key: string; field: LockableField } | null => {
  for (const key of inputKeys) {
    const field = lockableFieldOf(key);
    if (field && locked.includes(field)) return { key, field };
  }
  return null;
};

/** The PersonPatch (API field names) that empties a field when it is locked; the photo is deleted by subject-rights. */
export const clearingPatch = (field: LockableField): Record<string, unknown> => {
  switch (field) {
    case 'tags':
      return { tagIds: [] };
    case 'accessibilityNeeds':
      return { accessibilityNeeds: null, specialCategoryBasis: null };
    case 'photo':
      return {};
    default:
      return { [field]: null };
  }
};

/** The data category that governs a lockable field (the photo is identity data). */
export const categoryOfLockableField = (field: LockableField): DataCategory =>
  field === 'photo' ? 'identity' : PERSON_FIELD_CATEGORIES[field];

/**
 * Who records or lifts a field lock: the DPO (`requests.manage`), and an administrator for fields of a
 * category they may write (not health data, which the lock also erases).
 */
export const mayManageFieldLock = (role: Role, field: LockableField): boolean =>
  canDo({ role, action: 'requests.manage' }) ||
  (role === 'admin' && canWrite({ role, category: categoryOfLockableField(field) }));

/**
 * Purposes of direct marketing (Art. 21(2), (3) GDPR): after an objection the person's data is no
 * longer processed for them. The newsletter is direct marketing too.
 */
export const DIRECT_MARKETING_PURPOSES = ['marketing', 'newsletter'] as const;

export const isDirectMarketingPurpose = (purpose: string): boolean =>
  (DIRECT_MARKETING_PURPOSES as readonly string[]).includes(purpose);

/**
 * The purposes left after an objection: the direct-marketing ones removed. When nothing would remain
 * the purposes stay (a person needs one) and `onlyMarketing` says so: the objection still excludes
 * the person from every marketing use (`marketing_objection_at`), and the DPO should consider erasure
 * (Art. 17(1)(c)).
 */
export const purposesAfterObjection = (
  purposes: readonly string[],
): { purposes: string[]; removed: string[]; onlyMarketing: boolean } => {
  const removed = purposes.filter(isDirectMarketingPurpose);
  const kept = purposes.filter((p) => !isDirectMarketingPurpose(p));
  if (kept.length === 0) return { purposes: [...purposes], removed: [], onlyMarketing: removed.length > 0 };
  return { purposes: kept, removed, onlyMarketing: false };
};
