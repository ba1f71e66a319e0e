import { randomFillSync } from 'node:crypto';

/**
 * Random bytes for nonces and data keys, drawn from a pool refilled by the operating system's CSPRNG
 * 8 KiB at a time. `crypto.randomBytes(12)` asks the kernel once per call, which cost an import of
 * 100,000 rows about a second (one IV per sealed value, one key per person); the pool asks once per
 * ~680 IVs. Each caller gets its own copy and the handed-out bytes are zeroed in the pool, so no two
 * callers ever see the same bytes and none stay behind.
 */
const POOL_BYTES = 8192;
const pool = Buffer.alloc(POOL_BYTES);
let offset = POOL_BYTES;

export const randomBytesPooled = (size: number): Buffer => {
  if (size > POOL_BYTES / 4) return randomFillSync(Buffer.alloc(size));
  if (offset + size > POOL_BYTES) {
    randomFillSync(pool);
    offset = 0;
  }
  const out = Buffer.from(pool.subarray(offset, offset + size));
  pool.fill(0, offset, offset + size);
  offset += size;
  return out;
};
