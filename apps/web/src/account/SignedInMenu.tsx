import { Trans } from '@lingui/react';

import { errorMessage } from '../error-message.ts';
import { t } from '../i18n/i18n.ts';
import { AppLink } from '../navigation/AppLink.tsx';
import { navigate } from '../navigation/use-location.ts';
import { usePopup } from '../ui/use-popup.ts';
import { useSignOut } from './account-actions.ts';

/**
 * A signed-in person's account menu: their places, the account page and
 * signing out. In a chunk of its own: a visitor's first load never needs it.
 */
export function SignedInMenu({ email }: { email: string }) {
  const popup = usePopup();
  const { signOut } = useSignOut();

  function signOutHere() {
    signOut.mutate(undefined, {
      onSuccess: () => {
        popup.setOpen(false);
        navigate('/');
      },
    });
  }

  return (
    <div className="account-menu" {...popup.rootProps}>
      <button type="button" className="pill account-menu__button" {...popup.buttonProps}>
        <span className="account-menu__avatar" aria-hidden="true">
          {email.charAt(0).toUpperCase()}
        </span>
        {t('account.menu')}
      </button>
      <div className="popup-panel account-menu__panel" {...popup.panelProps}>
        <p className="account-menu__email">
          <Trans id="account.signedInAs" values={{ email }} components={{ 0: <strong /> }} />
        </p>
        <AppLink className="account-menu__item" href="/" onClick={() => popup.setOpen(false)}>
          {t('saved.title')}
        </AppLink>
        <AppLink
          className="account-menu__item"
          href="/account"
          onClick={() => popup.setOpen(false)}
        >
          {t('account.settings')}
        </AppLink>
        <button type="button" className="account-menu__item" onClick={signOutHere}>
          {t('account.signOut')}
        </button>
        {signOut.isError && (
          <p className="account-menu__error" role="alert">
            {errorMessage(signOut.error)}
          </p>
        )}
      </div>
    </div>
  );
}
