import { useEffect, useState, type FormEvent } from 'react';

import { PASSWORD_MIN_LENGTH, resetPasswordInputSchema } from '@skycast/validators';

import { Trans } from '@lingui/react';

import { formErrors, schemaErrors, type FormErrors } from '../form-errors.ts';
import { t } from '../i18n/i18n.ts';
import { AppLink } from '../navigation/AppLink.tsx';
import { useFocusWhenShown, useProblemFocus } from '../ui/focus-problem.ts';
import { FormFields } from '../ui/FormFields.tsx';
import { useDocumentTitle } from '../ui/use-document-title.ts';
import { FORGOT_PASSWORD_PATH, resetTokenFromHash, SIGN_IN_PATH } from './account-paths.ts';
import { RESET_PASSWORD_REASON_FIELDS } from './form-reasons.ts';
import { useResetPassword } from './account-actions.ts';
import './AuthPage.css';

type Errors = FormErrors<'newPassword'>;

/** Where an emailed reset link leads: a new password, then every device signed out. */
export function ResetPasswordPage() {
  useDocumentTitle(t('auth.documentTitle', { title: t('reset.title') }));
  // Read once; the fragment then leaves the address bar, so the token stays out of history.
  const [token] = useState(() => resetTokenFromHash(window.location.hash));
  useEffect(() => {
    if (window.location.hash)
      window.history.replaceState(window.history.state, '', window.location.pathname);
  }, []);
  const [newPassword, setNewPassword] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const { form, focusProblem } = useProblemFocus();
  const reset = useResetPassword();
  const doneRef = useFocusWhenShown<HTMLParagraphElement>(reset.isSuccess);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problems = schemaErrors(resetPasswordInputSchema, { token: token ?? '', newPassword });
    setErrors(problems);
    if (Object.keys(problems).length > 0) {
      focusProblem();
      return;
    }
    reset.mutate(
      { token: token ?? '', newPassword },
      {
        onError: (error) => {
          setErrors(formErrors(error, ['newPassword'], RESET_PASSWORD_REASON_FIELDS));
          focusProblem();
        },
      },
    );
  }

  let body;
  if (reset.isSuccess) {
    body = (
      <p ref={doneRef} className="notice notice--done" role="status" tabIndex={-1}>
        <Trans id="reset.done" components={{ 0: <AppLink href={SIGN_IN_PATH} /> }} />
      </p>
    );
  } else if (!token) {
    body = (
      <p className="notice notice--error" role="alert">
        <Trans id="reset.noToken" components={{ 0: <AppLink href={FORGOT_PASSWORD_PATH} /> }} />
      </p>
    );
  } else {
    body = (
      <form ref={form} className="auth__form card" noValidate onSubmit={submit}>
        {errors.form && (
          <p className="notice notice--error" role="alert" tabIndex={-1} data-form-error>
            {errors.form}
          </p>
        )}
        <FormFields
          fields={[
            {
              name: 'newPassword',
              label: t('account.newPassword'),
              type: 'password',
              autoComplete: 'new-password',
              hint: t('auth.passwordHint', { min: PASSWORD_MIN_LENGTH }),
            },
          ]}
          values={{ newPassword }}
          errors={errors}
          onChange={(_, value) => setNewPassword(value)}
        />
        <button type="submit" className="button auth__submit" disabled={reset.isPending}>
          {reset.isPending ? t('reset.busy') : t('reset.submit')}
        </button>
      </form>
    );
  }

  return (
    <div className="auth">
      <h1 className="auth__title">{t('reset.title')}</h1>
      <p className="auth__lead">{t('reset.lead')}</p>
      {body}
      {!reset.isSuccess && (
        <p className="auth__other">
          <AppLink href={FORGOT_PASSWORD_PATH}>{t('reset.askAgain')}</AppLink>
        </p>
      )}
    </div>
  );
}
