import { and, eq, gt, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.ts';
import { ProblemError } from '../../platform/http/problem.ts';
import { hashToken, newOpaqueToken } from '../rules/secure-token.ts';
import { userTokens } from '../schema.ts';

export type TokenPurpose = 'password_reset' | 'email_verification' | 'invitation';

export const TOKEN_LIFETIME_MINUTES: Record<TokenPurpose, number> = {
  password_reset: 60,
  email_verification: 60 * 24 * 3,
  invitation: 60 * 24 * 7,
};

/** Issues a single-use token; only its hash is stored, the value travels by email. */
export async function issueUserToken(tx: DbOrTx, userId: string, purpose: TokenPurpose, now: Date): Promise<string> {
  const token = newOpaqueToken('ct');
  await tx.insert(userTokens).values({
    userId,
    purpose,
    tokenHash: hashToken(token),
    expiresAt: new Date(now.getTime() + TOKEN_LIFETIME_MINUTES[purpose] * 60_000),
    createdAt: now,
  });
  return token;
}

/** Consumes a token: valid once, before expiry, for its own purpose only. */
export async function consumeUserToken(tx: DbOrTx, token: string, purpose: TokenPurpose, now: Date): Promise<string> {
  const [row] = await tx
    .update(userTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(userTokens.tokenHash, hashToken(token)),
        eq(userTokens.purpose, purpose),
        isNull(userTokens.usedAt),
        gt(userTokens.expiresAt, now),
      ),
    )
    .returning({ userId: userTokens.userId });
  if (!row) {
    throw new ProblemError('badRequest', 'Ce lien est invalide, déjà utilisé ou expiré.', {
      errors: [{ field: 'body.token', message: 'Lien invalide ou expiré' }],
    });
  }
  return row.userId;
}
