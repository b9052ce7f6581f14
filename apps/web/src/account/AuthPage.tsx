import { useMutation } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';

import {
  passwordContainsEmail,
  PASSWORD_MIN_LENGTH,
  signInInputSchema,
  signUpInputSchema,
} from '@skycast/validators';

import { Trans } from '@lingui/react';

import { formErrors, schemaErrors, type FormErrors } from '../form-errors.ts';
import { errorWords, t } from '../i18n/i18n.ts';
import { AppLink } from '../navigation/AppLink.tsx';
import { navigate } from '../navigation/use-location.ts';
import { trpc } from '../trpc.ts';
import { FormFields, type FieldSpec } from '../ui/FormFields.tsx';
import { useDocumentTitle } from '../ui/use-document-title.ts';
import { useProblemFocus } from '../ui/focus-problem.ts';
import { FORGOT_PASSWORD_PATH, nextPath, SIGN_IN_PATH, SIGN_UP_PATH } from './account-paths.ts';
import { AUTH_REASON_FIELDS } from './form-reasons.ts';
import { useStartSession } from './account-actions.ts';
import { useAccount } from './use-account.ts';
import './AuthPage.css';

type Mode = 'signIn' | 'signUp';
type Field = 'email' | 'password';
type Errors = FormErrors<Field>;

const FIELDS: readonly Field[] = ['email', 'password'];

/** The words of each form, in the page's language. */
const textFor = (mode: Mode) =>
  mode === 'signIn'
    ? {
        title: t('auth.signIn.title'),
        lead: t('auth.signIn.lead'),
        submit: t('account.signIn'),
        busy: t('auth.signIn.busy'),
        other: {
          question: t('auth.signIn.other'),
          link: t('auth.signUp.link'),
          path: SIGN_UP_PATH,
        },
      }
    : {
        title: t('auth.signUp.title'),
        lead: t('auth.signUp.lead'),
        submit: t('auth.signUp.submit'),
        busy: t('auth.signUp.busy'),
        other: { question: t('auth.signUp.other'), link: t('account.signIn'), path: SIGN_IN_PATH },
      };

function fieldsFor(mode: Mode): FieldSpec<Field>[] {
  const signUp = mode === 'signUp';
  return [
    {
      name: 'email',
      label: t('auth.email'),
      type: 'email',
      autoComplete: signUp ? 'email' : 'username',
    },
    {
      name: 'password',
      label: t('auth.password'),
      type: 'password',
      autoComplete: signUp ? 'new-password' : 'current-password',
      hint: signUp ? t('auth.passwordHint', { min: PASSWORD_MIN_LENGTH }) : undefined,
    },
  ];
}

/** What is wrong with the form before asking the server, per field, by the API's own rules. */
function checkForm(mode: Mode, email: string, password: string): Errors {
  const schema = mode === 'signUp' ? signUpInputSchema : signInInputSchema;
  const errors = schemaErrors(schema, { email, password });
  if (mode === 'signUp' && !errors.password && passwordContainsEmail(password, email)) {
    errors.password = errorWords('PASSWORD_CONTAINS_EMAIL');
  }
  return errors;
}

/** The sign-in and sign-up pages: one form, inline errors, then back where the person was. */
export function AuthPage({ mode }: { mode: Mode }) {
  const text = textFor(mode);
  useDocumentTitle(t('auth.documentTitle', { title: text.title }));
  const { user } = useAccount();
  const [values, setValues] = useState({ email: '', password: '' });
  const [errors, setErrors] = useState<Errors>({});
  const formErrorId = useId();
  const { form, focusProblem } = useProblemFocus();
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
    const { email, password } = values;
    const problems = checkForm(mode, email, password);
    setErrors(problems);
    if (Object.keys(problems).length > 0) {
      focusProblem();
      return;
    }
    auth.mutate(
      { email, password },
      {
        onSuccess: () => navigate(nextPath(window.location.search)),
        onError: (error) => {
          setErrors(formErrors(error, FIELDS, AUTH_REASON_FIELDS));
          focusProblem();
        },
      },
    );
  }

  if (user) {
    return (
      <div className="auth">
        <h1 className="auth__title">{t('auth.signedIn')}</h1>
        <p className="auth__lead">
          <Trans
            id="auth.signedInAs"
            values={{ email: user.email }}
            components={{ 0: <strong />, 1: <AppLink href="/" /> }}
          />
        </p>
      </div>
    );
  }

  return (
    <div className="auth">
      <h1 className="auth__title">{text.title}</h1>
      <p className="auth__lead">{text.lead}</p>
      <form
        ref={form}
        className="auth__form card"
        noValidate
        onSubmit={submit}
        aria-describedby={errors.form ? formErrorId : undefined}
      >
        {errors.form && (
          <p
            id={formErrorId}
            className="notice notice--error"
            role="alert"
            tabIndex={-1}
            data-form-error
          >
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
      {mode === 'signIn' && (
        <p className="auth__other">
          <AppLink href={FORGOT_PASSWORD_PATH}>{t('auth.forgotLink')}</AppLink>
        </p>
      )}
      <p className="auth__other">
        {text.other.question}{' '}
        <AppLink href={`${text.other.path}${window.location.search}`}>{text.other.link}</AppLink>
      </p>
    </div>
  );
}
