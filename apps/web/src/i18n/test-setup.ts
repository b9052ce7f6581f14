import { i18n } from '@lingui/core';

import { messages as errors } from '@skycast/validators/error-catalogue/en.ts';

import { messages } from './locales/en.ts';

// Unit tests read the words of the English catalogues, as a visitor with an English browser would.
i18n.loadAndActivate({ locale: 'en', messages: { ...errors, ...messages } });
