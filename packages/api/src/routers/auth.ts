import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';

import { AccountError } from '../accounts/accounts-service.ts';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../accounts/passwords.ts';
import { protectedProcedure, publicProcedure } from '../trpc.ts';

const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, 'An email address has at most 254 characters.')
  .pipe(z.email('Enter an email address such as ada@example.com.'));

const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`)
  .max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters.`);

// Sign-in checks no rules beyond the length bound: it only compares.
const passwordSchema = z
  .string()
  .min(1, 'Enter your password.')
  .max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters.`);

export const userSchema = z.object({ id: z.string(), email: z.string() });
const okSchema = z.object({ ok: z.literal(true) });

function toClientError(error: unknown): unknown {
  if (!(error instanceof AccountError)) return error;
  switch (error.kind) {
    case 'invalid-credentials':
      return new TRPCError({ code: 'UNAUTHORIZED', message: 'Email or password is wrong.' });
    case 'wrong-password':
      return new TRPCError({ code: 'BAD_REQUEST', message: 'Your current password is wrong.' });
    case 'email-taken':
      return new TRPCError({
        code: 'CONFLICT',
        message: 'An account with this email exists. Sign in instead.',
      });
    case 'common-password':
      return new TRPCError({
        code: 'BAD_REQUEST',
        message: 'This password is one of the most common ones. Please choose another.',
      });
    case 'locked': {
      const minutes = Math.max(1, Math.ceil((error.retryAfterMs ?? 0) / 60_000));
      return new TRPCError({
        code: 'TOO_MANY_REQUESTS',
        message: `Too many failed sign-ins. Please try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
      });
    }
  }
}

export const authRouter = {
  /** Creates an account and signs it in on this browser. */
  signUp: publicProcedure
    // Each sign-up costs an argon2id hash (19 MiB), and a taken email is told apart:
    // counted across instances, so neither can be run at scale from one address.
    .meta({ rateLimit: { max: 10, windowSeconds: 3600, scope: 'shared' } })
    .input(z.object({ email: emailSchema, password: newPasswordSchema }))
    .output(userSchema)
    .mutation(async ({ ctx, input }) => {
      try {
        const { user, session } = await ctx.accounts.signUp(input.email, input.password);
        await ctx.accounts.signOut(ctx.sessionCookie.token);
        ctx.sessionCookie.set(session.token, session.expiresAt);
        ctx.forgetCurrentUser();
        return user;
      } catch (error) {
        throw toClientError(error);
      }
    }),

  /** Starts a new session; a session the browser already had is ended. */
  signIn: publicProcedure
    .input(z.object({ email: emailSchema, password: passwordSchema }))
    .output(userSchema)
    .mutation(async ({ ctx, input }) => {
      try {
        const { user, session } = await ctx.accounts.signIn(input.email, input.password, {
          ip: ctx.clientIp ?? 'unknown',
        });
        await ctx.accounts.signOut(ctx.sessionCookie.token);
        ctx.sessionCookie.set(session.token, session.expiresAt);
        ctx.forgetCurrentUser();
        return user;
      } catch (error) {
        throw toClientError(error);
      }
    }),

  /** Ends this browser's session (its row is deleted); harmless when signed out. */
  signOut: publicProcedure
    .input(z.void())
    .output(okSchema)
    .mutation(async ({ ctx }) => {
      await ctx.accounts.signOut(ctx.sessionCookie.token);
      ctx.sessionCookie.clear();
      ctx.forgetCurrentUser();
      return { ok: true as const };
    }),

  /** Ends every session of the signed-in user, on every device. */
  signOutEverywhere: protectedProcedure
    .input(z.void())
    .output(z.object({ ended: z.number().int().min(0) }))
    .mutation(async ({ ctx }) => {
      const ended = await ctx.accounts.signOutEverywhere(ctx.user.id);
      ctx.sessionCookie.clear();
      ctx.forgetCurrentUser();
      return { ended };
    }),

  /** The signed-in user, or null. */
  me: publicProcedure
    .input(z.void())
    .output(userSchema.nullable())
    .query(({ ctx }) => ctx.currentUser()),

  /** Sets a new password; every other session (another device, a thief) ends. */
  changePassword: protectedProcedure
    .meta({ rateLimit: { max: 10, windowSeconds: 3600, scope: 'shared' } })
    .input(
      z.object({
        currentPassword: passwordSchema,
        newPassword: newPasswordSchema,
      }),
    )
    .output(okSchema)
    .mutation(async ({ ctx, input }) => {
      try {
        await ctx.accounts.changePassword(
          ctx.user,
          ctx.sessionCookie.token,
          input.currentPassword,
          input.newPassword,
          { ip: ctx.clientIp ?? 'unknown' },
        );
        return { ok: true as const };
      } catch (error) {
        throw toClientError(error);
      }
    }),
} satisfies TRPCRouterRecord;
