import { useId, useState, type FormEvent } from 'react';

import { errorCode, errorMessage, fieldErrors } from '../error-message.ts';
import { AppLink } from '../navigation/AppLink.tsx';
import { navigate } from '../navigation/use-location.ts';
import { trpcClient } from '../trpc.ts';
import { TextField } from '../ui/TextField.tsx';
import { useDocumentTitle } from '../ui/use-document-title.ts';
import { nextPath, SIGN_IN_PATH, SIGN_UP_PATH } from './account-paths.ts';
import { startSession, useAccount } from './use-account.ts';
import './AuthPage.css';

type Mode = 'signIn' | 'signUp';
type Field = 'email' | 'password';
type Errors = Partial<Record<Field | 'form', string>>;

const PASSWORD_MIN = 8;

const TEXT = {
  signIn: {
    title: 'Sign in',
    lead: 'Your places and units, on every device.',
    submit: 'Sign in',
    busy: 'Signing in…',
    other: { question: 'New to Skycast?', link: 'Create an account', path: SIGN_UP_PATH },
  },
  signUp: {
    title: 'Create your account',
    lead: 'Keep your places and units, and find them on any device. The places you saved in this browser come along.',
    submit: 'Create account',
    busy: 'Creating your account…',
    other: { question: 'Have an account?', link: 'Sign in', path: SIGN_IN_PATH },
  },
} as const;

/** What is wrong with the form before asking the server, per field. */
function checkForm(mode: Mode, email: string, password: string): Errors {
  const errors: Errors = {};
  if (!email.trim()) errors.email = 'Enter your email address.';
  else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim()))
    errors.email = 'Enter an email address such as ada@example.com.';
  if (!password) errors.password = 'Enter your password.';
  else if (mode === 'signUp' && password.length < PASSWORD_MIN)
    errors.password = `Use at least ${PASSWORD_MIN} characters.`;
  return errors;
}

/** Where the server's refusal belongs: beside a field, or above the form. */
function serverErrors(error: unknown): Errors {
  const fields = fieldErrors(error);
  if (fields.email || fields.password) return { email: fields.email, password: fields.password };
  const message = errorMessage(error);
  if (errorCode(error) === 'CONFLICT') return { email: message };
  if (errorCode(error) === 'BAD_REQUEST' && /password/i.test(message)) return { password: message };
  return { form: message };
}

/** The sign-in and sign-up pages: one form, inline errors, then back where the person was. */
export function AuthPage({ mode }: { mode: Mode }) {
  const text = TEXT[mode];
  useDocumentTitle(`${text.title} — Skycast`);
  const { user } = useAccount();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const formErrorId = useId();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const problems = checkForm(mode, email, password);
    setErrors(problems);
    if (Object.keys(problems).length > 0) {
      requestAnimationFrame(() => focusFirstInvalid(form));
      return;
    }
    setBusy(true);
    try {
      const input = { email, password };
      const signedIn =
        mode === 'signUp'
          ? await trpcClient.auth.signUp.mutate(input)
          : await trpcClient.auth.signIn.mutate(input);
      await startSession(signedIn, mode);
      navigate(nextPath(window.location.search));
    } catch (error) {
      setErrors(serverErrors(error));
      setBusy(false);
      requestAnimationFrame(() => focusFirstInvalid(form));
    }
  }

  if (user) {
    return (
      <div className="auth">
        <h1 className="auth__title">You are signed in</h1>
        <p className="auth__lead">
          as <strong>{user.email}</strong>. <AppLink href="/">See your places</AppLink>.
        </p>
      </div>
    );
  }

  return (
    <div className="auth">
      <h1 className="auth__title">{text.title}</h1>
      <p className="auth__lead">{text.lead}</p>
      <form
        className="auth__form card"
        noValidate
        onSubmit={(event) => void submit(event)}
        aria-describedby={errors.form ? formErrorId : undefined}
      >
        {errors.form && (
          <p id={formErrorId} className="notice notice--error" role="alert">
            {errors.form}
          </p>
        )}
        <TextField
          label="Email"
          type="email"
          autoComplete={mode === 'signUp' ? 'email' : 'username'}
          value={email}
          onChange={setEmail}
          error={errors.email}
        />
        <TextField
          label="Password"
          type="password"
          autoComplete={mode === 'signUp' ? 'new-password' : 'current-password'}
          value={password}
          onChange={setPassword}
          error={errors.password}
          hint={
            mode === 'signUp'
              ? `At least ${PASSWORD_MIN} characters. A few words together make a strong one; the most common passwords are refused.`
              : undefined
          }
        />
        <button type="submit" className="button auth__submit" disabled={busy}>
          {busy ? text.busy : text.submit}
        </button>
      </form>
      <p className="auth__other">
        {text.other.question}{' '}
        <AppLink href={`${text.other.path}${window.location.search}`}>{text.other.link}</AppLink>
      </p>
    </div>
  );
}

function focusFirstInvalid(form: HTMLFormElement) {
  form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}
