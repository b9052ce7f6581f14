import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';

import {
  changePasswordInputSchema,
  signInInputSchema,
  signUpInputSchema,
  noInputSchema,
} from '@skycast/validators';

import {
  AccountError,
  type IssuedSession,
  type SessionUser,
} from '../accounts/accounts-service.ts';
import { ClientError } from '../client-error.ts';
import { protectedProcedure, publicProcedure, type Context } from '../trpc.ts';

export const userSchema = z.object({ id: z.string(), email: z.string() });
const okSchema = z.object({ ok: z.literal(true) });

function toClientError(error: AccountError): ClientError {
  switch (error.kind) {
    case 'invalid-credentials':
      return new ClientError('UNAUTHORIZED', 'WRONG_CREDENTIALS', 'Email or password is wrong.');
    case 'wrong-password':
      return new ClientError(
        'BAD_REQUEST',
        'WRONG_CURRENT_PASSWORD',
        'Your current password is wrong.',
      );
    case 'email-taken':
      return new ClientError(
        'CONFLICT',
        'EMAIL_TAKEN',
        'An account with this email exists. Sign in instead.',
      );
    case 'common-password':
      return new ClientError(
        'BAD_REQUEST',
        'COMMON_PASSWORD',
        'This password is one of the most common ones. Please choose another.',
      );
    case 'password-contains-email':
      return new ClientError(
        'BAD_REQUEST',
        'PASSWORD_CONTAINS_EMAIL',
        'Your password contains your email address, which is the first thing tried. Please choose another.',
      );
    case 'locked': {
      const minutes = Math.max(1, Math.ceil((error.retryAfterMs ?? 0) / 60_000));
      return new ClientError(
        'TOO_MANY_REQUESTS',
        'SIGN_IN_LOCKED',
        `Too many failed sign-ins. Please try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
        undefined,
        { minutes },
      );
    }
  }
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
        { ip: ctx.clientKey ?? 'unknown' },
      );
      return { ok: true as const };
    }),
} satisfies TRPCRouterRecord;
