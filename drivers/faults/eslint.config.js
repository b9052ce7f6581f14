import base from '@skycast/eslint-config/base';

export default base;
