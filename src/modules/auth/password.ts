import { hash, verify } from '@node-rs/argon2';

/** Argon2id with the OWASP-recommended minimum (19 MiB, 2 iterations). */
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string): Promise<string> => hash(password, OPTIONS);

export const verifyPassword = async (passwordHash: string, password: string): Promise<boolean> => {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
};

/** Hash of a password nobody has, verified against when the e-mail is unknown, so timing does not tell. */
let decoy: Promise<string> | undefined;
export const decoyHash = (): Promise<string> => {
  decoy ??= hashPassword('custos-decoy-password-not-in-use');
  return decoy;
};
