import { openValue, sealValue } from '../keys/keys.service.ts';

/** A submission's values as one sealed JSON value (its own data key, or the person's once accepted). */
const ref = (submissionId: string) => ({
  table: 'web_form_submissions',
  recordId: submissionId,
  column: 'values',
});

export const sealSubmission = (
  dataKey: Buffer,
  submissionId: string,
  values: Record<string, string | boolean>,
) => sealValue(dataKey, ref(submissionId), JSON.stringify(values)) as string;

/** The values, or null when the key is gone. */
export const openSubmission = (
  dataKey: Buffer | null,
  submissionId: string,
  sealed: string,
): Record<string, string | boolean> | null => {
  const plain = openValue(dataKey, ref(submissionId), sealed);
  return plain == null ? null : (JSON.parse(plain) as Record<string, string | boolean>);
};
