import { eraseWithin } from '../../erasure/erasure.service.ts';
import { deleteConsents } from './person-consents.ts';
import {
  berlinMidnight,
  type CandidateSpec,
  countRows,
  dueRows,
  NO_OPEN_REQUEST,
  stillDue,
} from './person-sql.ts';
import type { SweepTarget } from './target.ts';

/*
 * The person and consent targets of the retention sweep.
 *
 * Persons are erased, not merely deleted (eraseWithin: the data key is shredded, invoices within
 * their statutory retention stay restricted, the erasure journal is written), as the system (actor
 * null) and without suppression entries: the person did not ask to be forgotten or object, their
 * data's purpose ended, so nothing may keep them from coming back of their own accord.
 *
 * A person is never erased while any consent row of theirs exists: a valid consent is a legal basis
 * of its own, and the proof of an ended one is kept for its own period (Art. 7(1) GDPR, § 7a UWG)
 * by the consent targets, which delete it when that period is over. Nor while a data subject request
 * of theirs is open.
 */

/** The last contact: collection, the last interaction, and the last activity of their business. */
const LAST_CONTACT = `greatest(
  p.collected_at,
  (select max(i.occurred_at) from interactions i where i.person_id = p.id),
  (select max(greatest(d.created_at, d.updated_at, d.closed_at)) from deals d where d.person_id = p.id),
  (select max(greatest(k.received_at, k.updated_at, k.resolved_at, k.closed_at)) from cases k where k.person_id = p.id),
  (select max(${berlinMidnight('q.issued_at')}) from quotes q where q.person_id = p.id),
  (select max(greatest(${berlinMidnight('o.ordered_at')}, o.updated_at)) from orders o where o.person_id = p.id),
  (select max(${berlinMidnight('greatest(v.issued_at, v.paid_at)')}) from invoices v where v.person_id = p.id))`;

/** Nothing open: no open deal, order, case or unpaid invoice of the person. */
const NOTHING_OPEN = `not exists (select 1 from deals d where d.person_id = p.id and d.closed_at is null)
  and not exists (select 1 from orders o where o.person_id = p.id and o.status = 'open')
  and not exists (select 1 from cases k where k.person_id = p.id and k.status not in ('resolved', 'closed'))
  and not exists (select 1 from invoices v where v.person_id = p.id and v.status = 'open')`;

const NO_CONSENT = 'not exists (select 1 from consents c where c.person_id = p.id)';

const PERSON_SPECS = {
  /** prospects nobody has been in touch with for the period: from the last contact */
  stale_prospects: {
    objectType: 'person',
    start: LAST_CONTACT,
    eligible: `p.kind = 'prospect' and ${NOTHING_OPEN} and ${NO_CONSENT} and ${NO_OPEN_REQUEST}`,
  },
  /** customers whose relationship ended: from the end of the last business (the last contact) */
  former_customers: {
    objectType: 'person',
    start: LAST_CONTACT,
    eligible: `p.kind = 'customer' and ${NOTHING_OPEN} and ${NO_CONSENT} and ${NO_OPEN_REQUEST}`,
  },
  /** persons with an explicit expiry: from that day, once their open business is done */
  person_expiry: {
    objectType: 'person',
    start: 'p.expires_at',
    eligible: `p.expires_at is not null and ${NOTHING_OPEN} and ${NO_CONSENT} and ${NO_OPEN_REQUEST}`,
  },
} as const satisfies Record<string, CandidateSpec>;

/** The day a consent stopped being in force (withdrawn or superseded, whichever came first). */
const ENDED = 'least(c.withdrawn_at, c.superseded_at)';
const NOT_IN_FORCE = '(c.withdrawn_at is not null or c.superseded_at is not null)';

const CONSENT_SPECS = {
  /** e-mail, letter and SMS consents no longer in force: from that day */
  consent_proofs: {
    objectType: 'consent',
    start: ENDED,
    eligible: `c.channel in ('email', 'letter', 'sms') and ${NOT_IN_FORCE} and ${NO_OPEN_REQUEST}`,
  },
  /** phone consents no longer in force: from the later of their last use and their end (§ 7a UWG) */
  phone_consent_proofs: {
    objectType: 'consent',
    start: `greatest(c.last_used_at, ${ENDED})`,
    eligible: `c.channel = 'phone' and ${NOT_IN_FORCE} and ${NO_OPEN_REQUEST}`,
  },
} as const satisfies Record<string, CandidateSpec>;

const personTarget = (id: keyof typeof PERSON_SPECS): SweepTarget => {
  const spec = PERSON_SPECS[id];
  return {
    id,
    due: (scope) => dueRows(spec, scope),
    count: (scope) => countRows(spec, scope),
    remove: async (scope) => {
      const ids = await stillDue(spec, scope);
      for (const personId of ids)
        await eraseWithin(
          scope.tx,
          scope.ctx,
          { actor: null, tenantId: scope.tenantId, personId, requestId: null },
          { journal: true, retention: { dataTypeId: scope.rule.dataTypeId } },
        );
      return ids.length;
    },
  };
};

const consentTarget = (id: keyof typeof CONSENT_SPECS): SweepTarget => {
  const spec = CONSENT_SPECS[id];
  return {
    id,
    due: (scope) => dueRows(spec, scope),
    count: (scope) => countRows(spec, scope),
    remove: async (scope) =>
      deleteConsents(scope.tx, scope.ctx, { tenantId: scope.tenantId, ids: await stillDue(spec, scope) }),
  };
};

/** Targets that erase whole persons (stale prospects, former customers, expired) and consent proofs. */
export const PERSON_TARGETS: SweepTarget[] = [
  personTarget('stale_prospects'),
  personTarget('former_customers'),
  personTarget('person_expiry'),
  consentTarget('consent_proofs'),
  consentTarget('phone_consent_proofs'),
];
