import { I18nProvider } from '@lingui/react';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

// First, so that the components' styles build on the base styles.
import './index.css';
import { App } from './App.tsx';
import { adoptEarlyForecast, seedKeptAnswers } from './forecast/kept-answers.ts';
import { activateLanguage, i18n, resolveLanguage } from './i18n/i18n.ts';
import { followBrowserConnection } from './offline/connection.ts';
import { currentPreferences } from './preferences/use-preferences.ts';
import { queryClient } from './trpc.ts';

followBrowserConnection();
// The service worker once the page has loaded; the code registering it loads then too.
const registerServiceWorker = () =>
  void import('./offline/register-service-worker.ts').then((module) =>
    module.registerServiceWorker(),
  );
if (document.readyState === 'complete') registerServiceWorker();
else window.addEventListener('load', registerServiceWorker, { once: true });
// A place's page may carry its forecast: in the cache before the first render. If it
// did not, the early entry has asked for it already: the page waits for that answer.
seedKeptAnswers(queryClient);
adoptEarlyForecast(queryClient);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// The first render waits for the first screen's words in the language (a small chunk of
// its own), so no words flash in another language; the rest of them follow at once.
// Should that chunk fail to load, the page still renders.
void activateLanguage(resolveLanguage(currentPreferences().language), { firstScreenFirst: true })
  .catch(() => undefined)
  .then(() =>
    createRoot(root).render(
      <StrictMode>
        <I18nProvider i18n={i18n}>
          <QueryClientProvider client={queryClient}>
            <App />
          </QueryClientProvider>
        </I18nProvider>
      </StrictMode>,
    ),
  );
