import type { TRPC_ERROR_CODE_KEY, TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';

import {
  changePasswordInputSchema,
  deleteAccountInputSchema,
  MAX_PLACES,
  noInputSchema,
  requestPasswordResetInputSchema,
  resetPasswordInputSchema,
  signInInputSchema,
  signUpInputSchema,
} from '@skycast/validators';

import {
  AccountError,
  type AccountRefusal,
  type IssuedSession,
  type SessionUser,
} from '../accounts/accounts-service.ts';
import { ClientError } from '../client-error.ts';
import type { ErrorValues } from '../i18n/error-messages.ts';
import { protectedProcedure, publicProcedure, type Context } from '../trpc.ts';

export const userSchema = z.object({ id: z.string(), email: z.string() });
const okSchema = z.object({ ok: z.literal(true) });

const exportSchema = z.object({
  exportedAt: z.date(),
  account: z.object({
    id: z.string(),
    email: z.string(),
    createdAt: z.date(),
    passwordChangedAt: z.date(),
  }),
  sessions: z.array(z.object({ createdAt: z.date(), expiresAt: z.date() })).max(1_000),
  places: z
    .array(
      z.object({
        name: z.string(),
        latitude: z.number(),
        longitude: z.number(),
        country: z.string().nullable(),
        timezone: z.string().nullable(),
        position: z.number(),
        createdAt: z.date(),
      }),
    )
    .max(MAX_PLACES),
  preferences: z.record(z.string(), z.unknown()).nullable(),
});

/** The HTTP answer of each refusal; its words come from the error catalogue by reason. */
const REFUSAL_CODES: Record<AccountRefusal, TRPC_ERROR_CODE_KEY> = {
  WRONG_CREDENTIALS: 'UNAUTHORIZED',
  WRONG_CURRENT_PASSWORD: 'BAD_REQUEST',
  EMAIL_TAKEN: 'CONFLICT',
  COMMON_PASSWORD: 'BAD_REQUEST',
  PASSWORD_CONTAINS_EMAIL: 'BAD_REQUEST',
  SIGN_IN_LOCKED: 'TOO_MANY_REQUESTS',
  TOO_MANY_SIGN_INS: 'TOO_MANY_REQUESTS',
  PASSWORD_CHECK_LOCKED: 'TOO_MANY_REQUESTS',
  RESET_LINK_INVALID: 'BAD_REQUEST',
};

function toClientError(error: AccountError): ClientError {
  // The locks say how long they last, in whole minutes.
  const values: ErrorValues =
    error.retryAfterMs === undefined
      ? {}
      : { minutes: Math.max(1, Math.ceil(error.retryAfterMs / 60_000)) };
  return new ClientError(REFUSAL_CODES[error.reason], error.reason, values);
}

/** Turns the accounts service's refusals into answers with a reason the forms switch on. */
function withAccountErrors<R extends { ok: boolean }>(result: R): R {
  const cause = !result.ok && 'error' in result ? (result.error as Error).cause : undefined;
  if (cause instanceof AccountError) throw toClientError(cause);
  return result;
}
const accountProcedure = publicProcedure.use(async ({ next }) => withAccountErrors(await next()));
const signedInAccountProcedure = protectedProcedure.use(async ({ next }) =>
  withAccountErrors(await next()),
);

/**
 * Hands the browser a freshly issued session: the one it had before (if any)
 * ends, so a shared computer never keeps two people's sessions.
 */
async function handOverSession(
  ctx: Context,
  issued: { user: SessionUser; session: IssuedSession },
): Promise<SessionUser> {
  await ctx.accounts.signOut(ctx.sessionCookie.token);
  ctx.sessionCookie.set(issued.session.token, issued.session.expiresAt);
  ctx.forgetCurrentUser();
  return issued.user;
}

export const authRouter = {
  /** Creates an account and signs it in on this browser. */
  signUp: accountProcedure
    // Each sign-up costs an argon2id hash (19 MiB), and a taken email is told apart:
    // counted across instances, so neither can be run at scale from one address.
    .meta({ rateLimit: { max: 10, windowSeconds: 3600, scope: 'shared' } })
    .input(signUpInputSchema)
    .output(userSchema)
    .mutation(async ({ ctx, input }) =>
      handOverSession(ctx, await ctx.accounts.signUp(input.email, input.password)),
    ),

  /** Starts a new session; a session the browser already had is ended. */
  signIn: accountProcedure
    .input(signInInputSchema)
    .output(userSchema)
    .mutation(async ({ ctx, input }) =>
      handOverSession(
        ctx,
        await ctx.accounts.signIn(input.email, input.password, { ip: ctx.clientKey ?? 'unknown' }),
      ),
    ),

  /** Ends this browser's session (its row is deleted); harmless when signed out. */
  signOut: publicProcedure
    .input(noInputSchema)
    .output(okSchema)
    .mutation(async ({ ctx }) => {
      await ctx.accounts.signOut(ctx.sessionCookie.token);
      ctx.sessionCookie.clear();
      ctx.forgetCurrentUser();
      return { ok: true as const };
    }),

  /** Ends every session of the signed-in user, on every device. */
  signOutEverywhere: protectedProcedure
    .input(noInputSchema)
    .output(z.object({ ended: z.number().int().min(0) }))
    .mutation(async ({ ctx }) => {
      const ended = await ctx.accounts.signOutEverywhere(ctx.user.id);
      ctx.sessionCookie.clear();
      ctx.forgetCurrentUser();
      return { ended };
    }),

  /** The signed-in user, or null. */
  me: publicProcedure
    .input(noInputSchema)
    .output(userSchema.nullable())
    .query(({ ctx }) => ctx.currentUser()),

  /**
   * Emails a single-use link to set a new password (valid 30 minutes). The
   * answer is the same whether or not the email has an account; it says only
   * how links travel on this server (`log` when no SMTP server is set up).
   */
  requestPasswordReset: accountProcedure
    .meta({
      rateLimit: { max: 5, windowSeconds: 3600, scope: 'shared' },
      example: { email: 'ada@example.com' },
    })
    .input(requestPasswordResetInputSchema)
    .output(z.object({ delivery: z.enum(['email', 'log']) }))
    .mutation(async ({ ctx, input }) => {
      await ctx.accounts.requestPasswordReset(input.email);
      return { delivery: ctx.accounts.resetDelivery() };
    }),

  /** Sets a new password with the token from a reset email; every session of the account ends. */
  resetPassword: accountProcedure
    .meta({ rateLimit: { max: 10, windowSeconds: 3600, scope: 'shared' } })
    .input(resetPasswordInputSchema)
    .output(okSchema)
    .mutation(async ({ ctx, input }) => {
      await ctx.accounts.resetPassword(input.token, input.newPassword);
      ctx.sessionCookie.clear();
      ctx.forgetCurrentUser();
      return { ok: true as const };
    }),

  /** Deletes the signed-in account and everything kept about it, after the password is re-entered. */
  deleteAccount: signedInAccountProcedure
    .meta({ rateLimit: { max: 10, windowSeconds: 3600, scope: 'shared' } })
    .input(deleteAccountInputSchema)
    .output(okSchema)
    .mutation(async ({ ctx, input }) => {
      await ctx.accounts.deleteAccount(ctx.user, input.password);
      ctx.sessionCookie.clear();
      ctx.forgetCurrentUser();
      return { ok: true as const };
    }),

  /** Everything kept about the signed-in account, as JSON for its owner to download. */
  exportData: protectedProcedure
    .meta({ rateLimit: { max: 10, windowSeconds: 60 } })
    .input(noInputSchema)
    .output(exportSchema)
    .query(({ ctx }) => ctx.accounts.exportData(ctx.user.id)),

  /** Sets a new password; every other session (another device, a thief) ends. */
  changePassword: signedInAccountProcedure
    .meta({ rateLimit: { max: 10, windowSeconds: 3600, scope: 'shared' } })
    .input(changePasswordInputSchema)
    .output(okSchema)
    .mutation(async ({ ctx, input }) => {
      await ctx.accounts.changePassword(
        ctx.user,
        ctx.sessionCookie.token,
        input.currentPassword,
        input.newPassword,
      );
      return { ok: true as const };
    }),
} satisfies TRPCRouterRecord;
