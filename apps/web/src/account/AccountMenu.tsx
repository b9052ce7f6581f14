import { Trans } from '@lingui/react';

import { errorMessage } from '../error-message.ts';
import { t } from '../i18n/i18n.ts';
import { AppLink } from '../navigation/AppLink.tsx';
import { navigate, usePathname } from '../navigation/use-location.ts';
import { usePopup } from '../ui/use-popup.ts';
import { signInPath } from './account-paths.ts';
import { useAccount, useSignOut } from './use-account.ts';
import './AccountMenu.css';

/** The header's account corner: "Sign in" for visitors, a menu for a signed-in person. */
export function AccountMenu() {
  const { user } = useAccount();
  const pathname = usePathname();
  const popup = usePopup();
  const { signOut } = useSignOut();

  // Holds its place while the answer comes, so the header does not jump.
  if (user === undefined) return <span className="account-menu__placeholder" aria-hidden="true" />;
  if (user === null) {
    return (
      <AppLink className="pill account-menu__button" href={signInPath(pathname)}>
        {t('account.signIn')}
      </AppLink>
    );
  }

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
          {user.email.charAt(0).toUpperCase()}
        </span>
        {t('account.menu')}
      </button>
      <div className="popup-panel account-menu__panel" {...popup.panelProps}>
        <p className="account-menu__email">
          <Trans
            id="account.signedInAs"
            values={{ email: user.email }}
            components={{ 0: <strong /> }}
          />
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
