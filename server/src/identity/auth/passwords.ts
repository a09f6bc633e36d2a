import argon2 from 'argon2';

/**
 * argon2id with OWASP's minimum configuration (19 MiB, 2 iterations, 1 lane):
 * about 30 ms here, which keeps sign-in quick on two cores while staying memory-hard.
 */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  if (!hash) {
    // Same work as a real check, so response time does not reveal that the account has no password.
    await argon2.hash(password, OPTIONS);
    return false;
  }
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** A hash made with weaker settings than today's is upgraded at the next successful sign-in. */
export function passwordNeedsRehash(hash: string): boolean {
  return argon2.needsRehash(hash, OPTIONS);
}
