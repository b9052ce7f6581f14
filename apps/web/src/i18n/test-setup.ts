import { i18n } from '@lingui/core';

import { messages } from './locales/en.ts';

// Unit tests read the words of the English catalogue, as a visitor with an English browser would.
i18n.loadAndActivate({ locale: 'en', messages });
