import { useEffect } from 'react';

import { activateLanguage, resolveLanguage, type LanguageChoice } from './i18n.ts';

/**
 * Keeps the page in the chosen language: loads it when the choice changes, and
 * with "auto" follows the browser's languages when they change.
 */
export function useLanguage(choice: LanguageChoice): void {
  useEffect(() => {
    const apply = () => void activateLanguage(resolveLanguage(choice));
    apply();
    if (choice !== 'auto') return;
    window.addEventListener('languagechange', apply);
    return () => window.removeEventListener('languagechange', apply);
  }, [choice]);
}
