import { AppError } from '../../domain/errors.ts';

/**
 * Failed logins per client address, whatever the e-mail. The route's own limit counts per address
 * *and* e-mail, so without this one address could try one password against many accounts (password
 * spraying, credential stuffing; ASVS 6.3.1). Only failures count: an office behind one NAT is not
 * locked out by its colleagues' logins. In memory, per server, like the other rate limits.
 */
export const loginFailureLimiter = ({
  max,
  windowMs,
  now = Date.now,
}: {
  max: number;
  windowMs: number;
  now?: () => number;
}) => {
  const windows = new Map<string, { count: number; resetAt: number }>();
  const current = (address: string) => {
    const w = windows.get(address);
    if (w && w.resetAt > now()) return w;
    windows.delete(address);
    return null;
  };
  return {
    /** Throws 429 rate_limited while the address has used up its failures of the window. */
    check: (address: string) => {
      const w = current(address);
      if (w && w.count >= max)
        throw new AppError('rate_limited', { params: { retryAfter: Math.ceil((w.resetAt - now()) / 1000) } });
    },
    /** Counts one failed login of the address. */
    fail: (address: string) => {
      if (windows.size > 10_000) for (const [k, w] of windows) if (w.resetAt <= now()) windows.delete(k);
      const w = current(address);
      if (w) w.count += 1;
      else windows.set(address, { count: 1, resetAt: now() + windowMs });
    },
  };
};
