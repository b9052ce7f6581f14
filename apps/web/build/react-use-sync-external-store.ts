/**
 * What `use-sync-external-store/shim` gives on React 18 and later: React's own
 * hook. @lingui/react imports the shim for older Reacts; vite.config.ts points
 * it here, so the shim's fallback code is not part of the first load.
 */
export { useSyncExternalStore } from 'react';
