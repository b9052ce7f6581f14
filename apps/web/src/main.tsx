import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

// First, so that the components' styles build on the base styles.
import './index.css';
import { App } from './App.tsx';
import { followBrowserConnection } from './offline/connection.ts';
import { registerServiceWorker } from './offline/register-service-worker.ts';
import { lastPlacePath } from './place/last-place.ts';
import { queryClient } from './trpc.ts';

// Coming back to Skycast opens the last place viewed; the logo still leads to the start page.
if (window.location.pathname === '/') {
  const lastPlace = lastPlacePath();
  if (lastPlace) window.history.replaceState(null, '', lastPlace);
}

followBrowserConnection();
registerServiceWorker();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
