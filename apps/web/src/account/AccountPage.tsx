import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';

import { changePasswordInputSchema, PASSWORD_MIN_LENGTH } from '@skycast/validators';

import { errorMessage, formErrors, schemaErrors, type FormErrors } from '../error-message.ts';
import { AppLink } from '../navigation/AppLink.tsx';
import { navigate } from '../navigation/use-location.ts';
import { trpc } from '../trpc.ts';
import { FormFields, type FieldSpec } from '../ui/FormFields.tsx';
import { useDocumentTitle } from '../ui/use-document-title.ts';
import { ACCOUNT_PATH, signInPath } from './account-paths.ts';
import { CHANGE_PASSWORD_REASON_FIELDS } from './form-reasons.ts';
import { useAccount, useSignOut } from './use-account.ts';
import './AuthPage.css';

type Field = 'currentPassword' | 'newPassword';
type Errors = FormErrors<Field>;

const FIELDS: readonly Field[] = ['currentPassword', 'newPassword'];
const EMPTY: Record<Field, string> = { currentPassword: '', newPassword: '' };

const CHANGE_PASSWORD_FIELDS: FieldSpec<Field>[] = [
  {
    name: 'currentPassword',
    label: 'Current password',
    type: 'password',
    autoComplete: 'current-password',
  },
  {
    name: 'newPassword',
    label: 'New password',
    type: 'password',
    autoComplete: 'new-password',
    hint: `At least ${PASSWORD_MIN_LENGTH} characters. Other devices are signed out when you change it.`,
  },
];

/** The signed-in person's account: who they are, a new password, signing out (everywhere). */
export function AccountPage() {
  useDocumentTitle('Your account — Skycast');
  const { user } = useAccount();

  if (user === undefined) return <div className="auth" aria-busy="true" />;
  if (user === null) {
    return (
      <div className="auth">
        <h1 className="auth__title">Your account</h1>
        <p className="auth__lead">
          <AppLink href={signInPath(ACCOUNT_PATH)}>Sign in</AppLink> to see your account.
        </p>
      </div>
    );
  }
  return (
    <div className="auth">
      <h1 className="auth__title">Your account</h1>
      <p className="auth__lead">
        Signed in as <strong>{user.email}</strong>.
      </p>
      <ChangePassword />
      <SignOut />
    </div>
  );
}

function ChangePassword() {
  const [values, setValues] = useState(EMPTY);
  const [errors, setErrors] = useState<Errors>({});
  const change = useMutation(
    trpc.auth.changePassword.mutationOptions({
      onSuccess: () => setValues(EMPTY),
      onError: (error) => setErrors(formErrors(error, FIELDS, CHANGE_PASSWORD_REASON_FIELDS)),
    }),
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    change.reset();
    const problems = schemaErrors(changePasswordInputSchema, values);
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    change.mutate(values);
  }

  return (
    <section className="auth__section" aria-labelledby="change-password">
      <h2 id="change-password">Change your password</h2>
      <form className="auth__form card" noValidate onSubmit={submit}>
        {errors.form && (
          <p className="notice notice--error" role="alert">
            {errors.form}
          </p>
        )}
        {change.isSuccess && (
          <p className="notice notice--done" role="status">
            Password changed. Every other device was signed out.
          </p>
        )}
        <FormFields
          fields={CHANGE_PASSWORD_FIELDS}
          values={values}
          errors={errors}
          onChange={(name, value) => setValues((current) => ({ ...current, [name]: value }))}
        />
        <button type="submit" className="button auth__submit" disabled={change.isPending}>
          {change.isPending ? 'Changing…' : 'Change password'}
        </button>
      </form>
    </section>
  );
}

function SignOut() {
  const { signOut, signOutEverywhere } = useSignOut();
  const goHome = { onSuccess: () => navigate('/') };
  const failed = signOut.error ?? signOutEverywhere.error;

  return (
    <section className="auth__section" aria-labelledby="sign-out">
      <h2 id="sign-out">Sign out</h2>
      <p className="auth__lead">
        Signing out everywhere ends your sessions on every device, such as a computer you no longer
        use.
      </p>
      <div className="auth__actions">
        <button type="button" className="button" onClick={() => signOut.mutate(undefined, goHome)}>
          Sign out
        </button>
        <button
          type="button"
          className="button button--quiet"
          onClick={() => signOutEverywhere.mutate(undefined, goHome)}
        >
          Sign out everywhere
        </button>
      </div>
      {failed && (
        <p className="notice notice--error" role="alert">
          {errorMessage(failed)}
        </p>
      )}
    </section>
  );
}
