import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';

import { requestPasswordResetInputSchema } from '@skycast/validators';

import { Trans } from '@lingui/react';

import { formErrors, schemaErrors, type FormErrors } from '../form-errors.ts';
import { t } from '../i18n/i18n.ts';
import { AppLink } from '../navigation/AppLink.tsx';
import { trpc } from '../trpc.ts';
import { useFocusWhenShown, useProblemFocus } from '../ui/focus-problem.ts';
import { FormFields } from '../ui/FormFields.tsx';
import { useDocumentTitle } from '../ui/use-document-title.ts';
import { SIGN_IN_PATH } from './account-paths.ts';
import './AuthPage.css';

type Errors = FormErrors<'email'>;

/**
 * "Forgot password?": asks for a reset link by email. The answer is the same
 * whether or not the email has an account; it says where the link went (an
 * email, or — on a server without SMTP — the server's log).
 */
export function ForgotPasswordPage() {
  useDocumentTitle(t('auth.documentTitle', { title: t('forgot.title') }));
  const [email, setEmail] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const { form, focusProblem } = useProblemFocus();
  const request = useMutation(trpc.auth.requestPasswordReset.mutationOptions());
  const sentRef = useFocusWhenShown<HTMLParagraphElement>(request.isSuccess);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problems = schemaErrors(requestPasswordResetInputSchema, { email });
    setErrors(problems);
    if (Object.keys(problems).length > 0) {
      focusProblem();
      return;
    }
    request.mutate(
      { email },
      {
        onError: (error) => {
          setErrors(formErrors(error, ['email'], {}));
          focusProblem();
        },
      },
    );
  }

  return (
    <div className="auth">
      <h1 className="auth__title">{t('forgot.title')}</h1>
      <p className="auth__lead">{t('forgot.lead')}</p>
      {request.data ? (
        <p ref={sentRef} className="notice notice--done" role="status" tabIndex={-1}>
          <Trans
            id={request.data.delivery === 'email' ? 'forgot.sentEmail' : 'forgot.sentLog'}
            values={{ email: request.variables.email.trim() }}
            components={{ 0: <strong /> }}
          />
        </p>
      ) : (
        <form ref={form} className="auth__form card" noValidate onSubmit={submit}>
          {errors.form && (
            <p className="notice notice--error" role="alert" tabIndex={-1} data-form-error>
              {errors.form}
            </p>
          )}
          <FormFields
            fields={[
              { name: 'email', label: t('auth.email'), type: 'email', autoComplete: 'email' },
            ]}
            values={{ email }}
            errors={errors}
            onChange={(_, value) => setEmail(value)}
          />
          <button type="submit" className="button auth__submit" disabled={request.isPending}>
            {request.isPending ? t('forgot.busy') : t('forgot.submit')}
          </button>
        </form>
      )}
      <p className="auth__other">
        <AppLink href={SIGN_IN_PATH}>{t('forgot.back')}</AppLink>
      </p>
    </div>
  );
}
