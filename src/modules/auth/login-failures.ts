import { AppError } from '../../domain/errors.ts';
import type { RateLimitCounter } from '../rate-limits/rate-limits.counters.ts';

/**
 * Failed logins per client address, whatever the e-mail. The route's own limit counts per address
 * *and* e-mail, so without this one address could try one password against many accounts (password
 * spraying, credential stuffing; ASVS 6.3.1). Only failures count: an office behind one NAT is not
 * locked out by its colleagues' logins. It counts where the other rate limits count
 * (CUSTOS_RATE_LIMIT_STORE): in memory per process, or in the database shared by all instances.
 */
export const loginFailureLimiter = ({
  max,
  windowMs,
  counter,
}: {
  max: number;
  windowMs: number;
  counter: RateLimitCounter;
}) => ({
  /** Throws 429 rate_limited while the address has used up its failures of the window. */
  check: async (address: string) => {
    const { hits, ttlMs } = await counter.read(address);
    if (hits >= max) throw new AppError('rate_limited', { params: { retryAfter: Math.ceil(ttlMs / 1000) } });
  },
  /** Counts one failed login of the address. */
  fail: async (address: string) => {
    await counter.hit(address, windowMs);
  },
});
