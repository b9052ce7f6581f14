import { accessSync, constants } from 'node:fs';

/** Debian's Chromium, or the one CHROMIUM_PATH names; the tests never download a browser. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

/** The Chromium to run, or undefined when there is none. */
export function findChromium(): string | undefined {
  try {
    accessSync(chromiumPath(), constants.X_OK);
    return chromiumPath();
  } catch {
    return undefined;
  }
}

/** Flags that let Chromium run headless as root in a container, without calling home. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
];
