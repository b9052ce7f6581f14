import { describe, expect, it } from 'vitest';

import { nextPath, resetTokenFromHash, signInPath } from './account-paths.ts';

describe('signInPath', () => {
  it('comes back to the page the person was on', () => {
    expect(signInPath('/place/52.52,13.41/Berlin')).toBe(
      '/sign-in?next=%2Fplace%2F52.52%2C13.41%2FBerlin',
    );
  });

  it('does not come back to the start page or another sign-in page', () => {
    expect(signInPath('/')).toBe('/sign-in');
    expect(signInPath('/sign-up')).toBe('/sign-in');
  });
});

describe('nextPath', () => {
  it('follows a path of this site', () => {
    expect(nextPath('?next=%2Fplace%2F1%2C2%2FSomewhere')).toBe('/place/1,2/Somewhere');
  });

  it('never leads to another site', () => {
    for (const next of [
      'https://evil.example',
      '//evil.example',
      '/\\evil.example',
      'javascript:alert(1)',
    ]) {
      expect(nextPath(`?next=${encodeURIComponent(next)}`)).toBe('/');
    }
    expect(nextPath('')).toBe('/');
  });
});

describe('resetTokenFromHash', () => {
  it('reads the token from the fragment of a reset link, or nothing', () => {
    expect(resetTokenFromHash('#token=abc_DEF-123')).toBe('abc_DEF-123');
    expect(resetTokenFromHash('')).toBeNull();
    expect(resetTokenFromHash('#other=1')).toBeNull();
  });
});
