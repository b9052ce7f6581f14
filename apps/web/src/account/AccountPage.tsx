import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';

import {
  changePasswordInputSchema,
  deleteAccountInputSchema,
  PASSWORD_MIN_LENGTH,
} from '@skycast/validators';

import { Trans } from '@lingui/react';

import { errorMessage } from '../error-message.ts';
import { formErrors, schemaErrors, type FormErrors } from '../form-errors.ts';
import { t } from '../i18n/i18n.ts';
import { AppLink } from '../navigation/AppLink.tsx';
import { navigate } from '../navigation/use-location.ts';
import { queryClient, trpc } from '../trpc.ts';
import { useProblemFocus } from '../ui/focus-problem.ts';
import { NotificationsSettings } from '../watches/NotificationsSettings.tsx';
import { FormFields, type FieldSpec } from '../ui/FormFields.tsx';
import { useDocumentTitle } from '../ui/use-document-title.ts';
import { ACCOUNT_PATH, signInPath } from './account-paths.ts';
import { CHANGE_PASSWORD_REASON_FIELDS, DELETE_ACCOUNT_REASON_FIELDS } from './form-reasons.ts';
import { useDeleteAccount, useSignOut } from './account-actions.ts';
import { useAccount } from './use-account.ts';
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

/**
 * The signed-in person's account: who they are, a new password, signing out
 * (everywhere), downloading their data and deleting the account.
 */
export function AccountPage() {
  useDocumentTitle(t('account.documentTitle'));
  const { user } = useAccount();
  const [deleted, setDeleted] = useState(false);

  if (deleted) {
    return (
      <div className="auth">
        <h1 className="auth__title">{t('account.deletedTitle')}</h1>
        <p className="auth__lead" role="status">
          <Trans id="account.deleted" components={{ 0: <AppLink href="/" /> }} />
        </p>
      </div>
    );
  }
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
      <DownloadData />
      <DeleteAccount onDeleted={() => setDeleted(true)} />
    </div>
  );
}

function ChangePassword() {
  const [values, setValues] = useState(EMPTY);
  const [errors, setErrors] = useState<Errors>({});
  const { form, focusProblem } = useProblemFocus();
  const change = useMutation(trpc.auth.changePassword.mutationOptions());

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    change.reset();
    const problems = schemaErrors(changePasswordInputSchema, values);
    setErrors(problems);
    if (Object.keys(problems).length > 0) {
      focusProblem();
      return;
    }
    change.mutate(values, {
      onSuccess: () => setValues(EMPTY),
      onError: (error) => {
        setErrors(formErrors(error, FIELDS, CHANGE_PASSWORD_REASON_FIELDS));
        focusProblem();
      },
    });
  }

  return (
    <section className="auth__section" aria-labelledby="change-password">
      <h2 id="change-password">{t('account.changeTitle')}</h2>
      <form ref={form} className="auth__form card" noValidate onSubmit={submit}>
        {errors.form && (
          <p className="notice notice--error" role="alert" tabIndex={-1} data-form-error>
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

/** Everything kept about the account, saved as a JSON file by the browser. */
function DownloadData() {
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<unknown>(null);

  async function download() {
    setBusy(true);
    setFailed(null);
    try {
      // Asked afresh each time, and not kept in memory once handed to the browser.
      const data = await queryClient.fetchQuery({
        ...trpc.auth.exportData.queryOptions(),
        staleTime: 0,
        gcTime: 0,
      });
      const file = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
      const url = URL.createObjectURL(file);
      const link = document.createElement('a');
      link.href = url;
      link.download = `skycast-data-${new Date().toISOString().slice(0, 10)}.json`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (error) {
      setFailed(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="auth__section" aria-labelledby="download-data">
      <h2 id="download-data">{t('account.downloadTitle')}</h2>
      <p className="auth__lead">{t('account.downloadLead')}</p>
      <button type="button" className="button" disabled={busy} onClick={() => void download()}>
        {busy ? t('account.downloading') : t('account.download')}
      </button>
      {failed !== null && (
        <p className="notice notice--error" role="alert">
          {errorMessage(failed)}
        </p>
      )}
    </section>
  );
}

/** Deleting the account, confirmed by entering the password again. */
function DeleteAccount({ onDeleted }: { onDeleted: () => void }) {
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FormErrors<'password'>>({});
  const { form, focusProblem } = useProblemFocus();
  const remove = useDeleteAccount();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problems = schemaErrors(deleteAccountInputSchema, { password });
    setErrors(problems);
    if (Object.keys(problems).length > 0) {
      focusProblem();
      return;
    }
    remove.mutate(
      { password },
      {
        onSuccess: onDeleted,
        onError: (error) => {
          setErrors(formErrors(error, ['password'], DELETE_ACCOUNT_REASON_FIELDS));
          focusProblem();
        },
      },
    );
  }

  return (
    <section className="auth__section" aria-labelledby="delete-account">
      <h2 id="delete-account">{t('account.deleteTitle')}</h2>
      <p className="auth__lead">{t('account.deleteLead')}</p>
      <form ref={form} className="auth__form card" noValidate onSubmit={submit}>
        {errors.form && (
          <p className="notice notice--error" role="alert" tabIndex={-1} data-form-error>
            {errors.form}
          </p>
        )}
        <FormFields
          fields={[
            {
              name: 'password',
              label: t('account.deletePassword'),
              type: 'password',
              autoComplete: 'current-password',
            },
          ]}
          values={{ password }}
          errors={errors}
          onChange={(_, value) => setPassword(value)}
        />
        <button type="submit" className="button auth__submit" disabled={remove.isPending}>
          {remove.isPending ? t('account.deleting') : t('account.delete')}
        </button>
      </form>
    </section>
  );
}
