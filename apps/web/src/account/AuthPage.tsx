import { useMutation } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';

import {
  passwordContainsEmail,
  PASSWORD_MIN_LENGTH,
  signInInputSchema,
  signUpInputSchema,
} from '@skycast/validators';

import { formErrors, schemaErrors, type FormErrors } from '../error-message.ts';
import { AppLink } from '../navigation/AppLink.tsx';
import { navigate } from '../navigation/use-location.ts';
import { trpc } from '../trpc.ts';
import { FormFields, type FieldSpec } from '../ui/FormFields.tsx';
import { useDocumentTitle } from '../ui/use-document-title.ts';
import { nextPath, SIGN_IN_PATH, SIGN_UP_PATH } from './account-paths.ts';
import { AUTH_REASON_FIELDS } from './form-reasons.ts';
import { useAccount, useStartSession } from './use-account.ts';
import './AuthPage.css';

type Mode = 'signIn' | 'signUp';
type Field = 'email' | 'password';
type Errors = FormErrors<Field>;

const FIELDS: readonly Field[] = ['email', 'password'];

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

function fieldsFor(mode: Mode): FieldSpec<Field>[] {
  const signUp = mode === 'signUp';
  return [
    { name: 'email', label: 'Email', type: 'email', autoComplete: signUp ? 'email' : 'username' },
    {
      name: 'password',
      label: 'Password',
      type: 'password',
      autoComplete: signUp ? 'new-password' : 'current-password',
      hint: signUp
        ? `At least ${PASSWORD_MIN_LENGTH} characters. A few words together make a strong one; the most common passwords are refused.`
        : undefined,
    },
  ];
}

/** What is wrong with the form before asking the server, per field, by the API's own rules. */
function checkForm(mode: Mode, email: string, password: string): Errors {
  const schema = mode === 'signUp' ? signUpInputSchema : signInInputSchema;
  const errors = schemaErrors(schema, { email, password });
  if (mode === 'signUp' && !errors.password && passwordContainsEmail(password, email)) {
    errors.password = 'Your password contains your email address. Please choose another.';
  }
  return errors;
}

/** The sign-in and sign-up pages: one form, inline errors, then back where the person was. */
export function AuthPage({ mode }: { mode: Mode }) {
  const text = TEXT[mode];
  useDocumentTitle(`${text.title} — Skycast`);
  const { user } = useAccount();
  const [values, setValues] = useState({ email: '', password: '' });
  const [errors, setErrors] = useState<Errors>({});
  const formErrorId = useId();
  const startSession = useStartSession();
  const signUp = useMutation(
    trpc.auth.signUp.mutationOptions({ onSuccess: (user) => startSession(user, 'signUp') }),
  );
  const signIn = useMutation(
    trpc.auth.signIn.mutationOptions({ onSuccess: (user) => startSession(user, 'signIn') }),
  );
  const auth = mode === 'signUp' ? signUp : signIn;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const { email, password } = values;
    const problems = checkForm(mode, email, password);
    setErrors(problems);
    if (Object.keys(problems).length > 0) {
      requestAnimationFrame(() => focusFirstInvalid(form));
      return;
    }
    auth.mutate(
      { email, password },
      {
        onSuccess: () => navigate(nextPath(window.location.search)),
        onError: (error) => {
          setErrors(formErrors(error, FIELDS, AUTH_REASON_FIELDS));
          requestAnimationFrame(() => focusFirstInvalid(form));
        },
      },
    );
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
        onSubmit={submit}
        aria-describedby={errors.form ? formErrorId : undefined}
      >
        {errors.form && (
          <p id={formErrorId} className="notice notice--error" role="alert">
            {errors.form}
          </p>
        )}
        <FormFields
          fields={fieldsFor(mode)}
          values={values}
          errors={errors}
          onChange={(name, value) => setValues((current) => ({ ...current, [name]: value }))}
        />
        <button type="submit" className="button auth__submit" disabled={auth.isPending}>
          {auth.isPending ? text.busy : text.submit}
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
