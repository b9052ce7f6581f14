declare module 'virtual:skycast/messages/*' {
  import type { Messages } from '@lingui/core';

  /** One part of a language's compiled catalogue (build/catalogue-parts-plugin.ts). */
  export const messages: Messages;
}
