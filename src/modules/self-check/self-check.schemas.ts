import { z } from 'zod';
import { CHECK_IDS, MAX_REFS } from '../../domain/self-check/checks.ts';
import { SEVERITIES } from '../../domain/self-check/report.ts';

/** Schemas of the self-check report: check ids, counts and record references, no personal data. */

export const FindingRef = z
  .object({
    type: z
      .string()
      .describe(
        'Kind of record: person, consent, request, breach, data_type, recipient, purpose, dpia, … (as the check names it)',
      ),
    id: z.string().describe('Id of the record'),
    personId: z
      .string()
      .optional()
      .describe('The person the record belongs to (e.g. of a consent), for a link'),
  })
  .meta({ id: 'SelfCheckRef' });

export const SelfCheckFinding = z
  .object({
    check: z.enum(CHECK_IDS).describe('The check'),
    severity: z
      .enum(SEVERITIES)
      .describe('violation: a rule of the GDPR is broken (not ok); warning: a gap in the documentation'),
    count: z.number().int().min(0).describe('How many records break the rule (0: the check passes)'),
    refs: z.array(FindingRef).max(MAX_REFS).describe(`The first ${MAX_REFS} of them, by reference only`),
    detail: z
      .record(z.string(), z.union([z.number(), z.string()]))
      .optional()
      .describe('Counts that explain the finding, e.g. per reason or data type'),
  })
  .meta({ id: 'SelfCheckFinding' });

export const SelfCheckReport = z
  .object({
    checkedAt: z.iso.datetime({ offset: true }).describe('When the checks ran'),
    ok: z.boolean().describe('true when no check finds a violation'),
    findings: z
      .array(SelfCheckFinding)
      .describe('Every check once, failing violations first, then warnings, then passing checks'),
  })
  .meta({ id: 'SelfCheckReport' });
