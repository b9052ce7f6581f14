import path from 'node:path';
import { constants as zlibConstants } from 'node:zlib';

import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';
import { VitePWA } from 'vite-plugin-pwa';

import { catalogueParts } from './build/catalogue-parts-plugin.ts';
import { EARLY_FORECAST_ENTRY, earlyForecast } from './build/early-forecast-plugin.ts';
import { firstLoadChunk } from './build/first-load-chunk.ts';
import { minifiedPublicScript } from './build/minified-public-script-plugin.ts';
import { publicQueries } from './build/public-queries-plugin.ts';
import { weatherIcons } from './build/weather-icons-plugin.ts';

const EARLY_FORECAST_SOURCE = path.resolve(import.meta.dirname, 'src/early-forecast-entry.ts');

// The API runs on its own port in development; the browser only ever talks to `/trpc`.
const apiPort = process.env.API_PORT ?? '3000';

export default defineConfig({
  plugins: [
    react(),
    publicQueries(),
    catalogueParts(),
    earlyForecast(),
    weatherIcons(path.resolve(import.meta.dirname, 'src/weather/icons')),
    minifiedPublicScript('theme.js'),
    // The web app manifest and the service worker (service-worker/sw.ts, with the
    // precache list injected); src/offline/register-service-worker.ts registers it.
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'service-worker',
      filename: 'sw.ts',
      injectRegister: false,
      injectManifest: {
        buildPlugins: { vite: [publicQueries()] },
        // The shell; the plugin adds the manifest and its icons itself.
        globPatterns: ['**/*.{js,css,html,svg}'],
        globIgnores: ['**/*.{br,gz}'],
      },
      manifest: {
        id: '/',
        name: 'Skycast',
        short_name: 'Skycast',
        description: 'The weather for any place: now, the next hours and the coming days.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        // The light theme's page colour (--bg); index.html and use-theme.ts give the dark one.
        background_color: '#f2f5fa',
        theme_color: '#f2f5fa',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          {
            src: '/icons/icon-maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
        ],
      },
    }),
    // .br and .gz beside every asset, once at build time: the server sends them as they are.
    compression({
      algorithms: [
        defineAlgorithm('brotliCompress', { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } }),
        defineAlgorithm('gzip', { level: 9 }),
      ],
      threshold: 1024,
    }),
  ],
  resolve: {
    alias: {
      'use-sync-external-store/shim': path.resolve(
        import.meta.dirname,
        'build/react-use-sync-external-store.ts',
      ),
    },
  },
  build: {
    // No polyfill for `modulepreload`: a browser without it (Safari before 17, Firefox
    // before 115) still loads every module, only without preloading them.
    modulePreload: { polyfill: false },
    rollupOptions: {
      // A place's forecast is asked for by a small entry of its own, before the app has loaded.
      input: { index: 'index.html', [EARLY_FORECAST_ENTRY]: EARLY_FORECAST_SOURCE },
      // Everything the first screen imports in one chunk (see build/first-load-chunk.ts).
      output: { codeSplitting: { groups: [firstLoadChunk(EARLY_FORECAST_SOURCE)] } },
    },
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/trpc': `http://localhost:${apiPort}`,
    },
  },
  preview: { port: 4173 },
});
