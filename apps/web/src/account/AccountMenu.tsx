import { Suspense } from 'react';

import { t } from '../i18n/i18n.ts';
import { AppLink } from '../navigation/AppLink.tsx';
import { usePathname } from '../navigation/use-location.ts';
import { signInPath } from './account-paths.ts';
import { useAccount } from './use-account.ts';
import { lazyWithWords } from '../i18n/lazy-with-words.ts';
import './AccountMenu.css';

const SignedInMenu = lazyWithWords(() =>
  import('./SignedInMenu.tsx').then((module) => ({ default: module.SignedInMenu })),
);

/** The header's account corner: "Sign in" for visitors, a menu for a signed-in person. */
export function AccountMenu() {
  const { user } = useAccount();
  const pathname = usePathname();

  // Holds its place while the answer comes, so the header does not jump.
  const placeholder = <span className="account-menu__placeholder" aria-hidden="true" />;
  if (user === undefined) return placeholder;
  if (user === null) {
    return (
      <AppLink className="pill account-menu__button" href={signInPath(pathname)}>
        {t('account.signIn')}
      </AppLink>
    );
  }
  return (
    <Suspense fallback={placeholder}>
      <SignedInMenu email={user.email} />
    </Suspense>
  );
}
