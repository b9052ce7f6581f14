import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';

import { changePasswordInputSchema, PASSWORD_MIN_LENGTH } from '@skycast/validators';

import { Trans } from '@lingui/react';

import { errorMessage, formErrors, schemaErrors, type FormErrors } from '../error-message.ts';
import { t } from '../i18n/i18n.ts';
import { AppLink } from '../navigation/AppLink.tsx';
import { navigate } from '../navigation/use-location.ts';
import { trpc } from '../trpc.ts';
import { NotificationsSettings } from '../watches/NotificationsSettings.tsx';
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

const changePasswordFields = (): FieldSpec<Field>[] => [
  {
    name: 'currentPassword',
    label: t('account.currentPassword'),
    type: 'password',
    autoComplete: 'current-password',
  },
  {
    name: 'newPassword',
    label: t('account.newPassword'),
    type: 'password',
    autoComplete: 'new-password',
    hint: t('account.newPasswordHint', { min: PASSWORD_MIN_LENGTH }),
  },
];

/** The signed-in person's account: who they are, a new password, signing out (everywhere). */
export function AccountPage() {
  useDocumentTitle(t('account.documentTitle'));
  const { user } = useAccount();

  if (user === undefined) return <div className="auth" aria-busy="true" />;
  if (user === null) {
    return (
      <div className="auth">
        <h1 className="auth__title">{t('account.title')}</h1>
        <p className="auth__lead">
          <Trans
            id="account.signInToSee"
            components={{ 0: <AppLink href={signInPath(ACCOUNT_PATH)} /> }}
          />
        </p>
      </div>
    );
  }
  return (
    <div className="auth">
      <h1 className="auth__title">{t('account.title')}</h1>
      <p className="auth__lead">
        <Trans
          id="account.signedInAsLead"
          values={{ email: user.email }}
          components={{ 0: <strong /> }}
        />
      </p>
      <NotificationsSettings />
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
      <h2 id="change-password">{t('account.changeTitle')}</h2>
      <form className="auth__form card" noValidate onSubmit={submit}>
        {errors.form && (
          <p className="notice notice--error" role="alert">
            {errors.form}
          </p>
        )}
        {change.isSuccess && (
          <p className="notice notice--done" role="status">
            {t('account.changed')}
          </p>
        )}
        <FormFields
          fields={changePasswordFields()}
          values={values}
          errors={errors}
          onChange={(name, value) => setValues((current) => ({ ...current, [name]: value }))}
        />
        <button type="submit" className="button auth__submit" disabled={change.isPending}>
          {change.isPending ? t('account.changing') : t('account.change')}
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
      <h2 id="sign-out">{t('account.signOut')}</h2>
      <p className="auth__lead">{t('account.signOutLead')}</p>
      <div className="auth__actions">
        <button type="button" className="button" onClick={() => signOut.mutate(undefined, goHome)}>
          {t('account.signOut')}
        </button>
        <button
          type="button"
          className="button button--quiet"
          onClick={() => signOutEverywhere.mutate(undefined, goHome)}
        >
          {t('account.signOutEverywhere')}
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
