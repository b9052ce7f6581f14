import { useState, type FormEvent } from 'react';

import { errorMessage, fieldErrors } from '../error-message.ts';
import { AppLink } from '../navigation/AppLink.tsx';
import { navigate } from '../navigation/use-location.ts';
import { trpcClient } from '../trpc.ts';
import { TextField } from '../ui/TextField.tsx';
import { useDocumentTitle } from '../ui/use-document-title.ts';
import { ACCOUNT_PATH, signInPath } from './account-paths.ts';
import { endSession, useAccount } from './use-account.ts';
import './AuthPage.css';

type Errors = Partial<Record<'currentPassword' | 'newPassword' | 'form', string>>;

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
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setDone(false);
    const problems: Errors = {};
    if (!currentPassword) problems.currentPassword = 'Enter your current password.';
    if (newPassword.length < 8) problems.newPassword = 'Use at least 8 characters.';
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    try {
      await trpcClient.auth.changePassword.mutate({ currentPassword, newPassword });
      setCurrentPassword('');
      setNewPassword('');
      setDone(true);
    } catch (error) {
      const fields = fieldErrors(error);
      const message = errorMessage(error);
      if (fields.currentPassword || fields.newPassword) setErrors(fields);
      else if (/current password/i.test(message)) setErrors({ currentPassword: message });
      else if (/password/i.test(message)) setErrors({ newPassword: message });
      else setErrors({ form: message });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="auth__section" aria-labelledby="change-password">
      <h2 id="change-password">Change your password</h2>
      <form className="auth__form card" noValidate onSubmit={(event) => void submit(event)}>
        {errors.form && (
          <p className="notice notice--error" role="alert">
            {errors.form}
          </p>
        )}
        {done && (
          <p className="notice notice--done" role="status">
            Password changed. Every other device was signed out.
          </p>
        )}
        <TextField
          label="Current password"
          type="password"
          autoComplete="current-password"
          value={currentPassword}
          onChange={setCurrentPassword}
          error={errors.currentPassword}
        />
        <TextField
          label="New password"
          type="password"
          autoComplete="new-password"
          value={newPassword}
          onChange={setNewPassword}
          error={errors.newPassword}
          hint="At least 8 characters. Other devices are signed out when you change it."
        />
        <button type="submit" className="button auth__submit" disabled={busy}>
          {busy ? 'Changing…' : 'Change password'}
        </button>
      </form>
    </section>
  );
}

function SignOut() {
  const [failure, setFailure] = useState<string>();

  async function signOut(everywhere: boolean) {
    setFailure(undefined);
    try {
      await endSession(everywhere);
      navigate('/');
    } catch (error) {
      setFailure(errorMessage(error));
    }
  }

  return (
    <section className="auth__section" aria-labelledby="sign-out">
      <h2 id="sign-out">Sign out</h2>
      <p className="auth__lead">
        Signing out everywhere ends your sessions on every device, such as a computer you no longer
        use.
      </p>
      <div className="auth__actions">
        <button type="button" className="button" onClick={() => void signOut(false)}>
          Sign out
        </button>
        <button type="button" className="button button--quiet" onClick={() => void signOut(true)}>
          Sign out everywhere
        </button>
      </div>
      {failure && (
        <p className="notice notice--error" role="alert">
          {failure}
        </p>
      )}
    </section>
  );
}
