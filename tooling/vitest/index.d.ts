import type { ViteUserConfig } from 'vitest/config';

export function createVitestConfig(options?: { databaseSetup?: string }): ViteUserConfig;
