import { describe, expect, it } from 'vitest';

import { deviceName, pushSupport } from './push-support.ts';

const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';
const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0';

describe('push support', () => {
  it('asks iPhone users to add Skycast to the Home Screen first, and offers push once they have', () => {
    const iphone = { userAgent: IPHONE, hasPush: true, permission: 'default' as const };
    expect(pushSupport({ ...iphone, standalone: false })).toBe('ios-install');
    expect(pushSupport({ ...iphone, standalone: true })).toBe('supported');
  });

  it('says when notifications are blocked, and when the browser has no Web Push', () => {
    const base = { userAgent: FIREFOX, standalone: false };
    expect(pushSupport({ ...base, hasPush: true, permission: 'denied' })).toBe('denied');
    expect(pushSupport({ ...base, hasPush: false, permission: 'default' })).toBe('unsupported');
    expect(pushSupport({ ...base, hasPush: true, permission: undefined })).toBe('unsupported');
    expect(pushSupport({ ...base, hasPush: true, permission: 'granted' })).toBe('supported');
  });

  it('names a device by its browser and system', () => {
    expect(deviceName(FIREFOX)).toBe('Firefox · Linux');
    expect(deviceName(IPHONE)).toBe('Safari · iOS');
  });
});
