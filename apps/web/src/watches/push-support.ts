/** Where this browser stands on Web Push, before asking anything. */
export type PushSupport = 'supported' | 'unsupported' | 'ios-install' | 'denied';

/**
 * What the page can offer: Safari on iPhone and iPad has Web Push only for a
 * web app added to the Home Screen; other browsers without the APIs have none.
 */
export function pushSupport(env: {
  userAgent: string;
  standalone: boolean;
  hasPush: boolean;
  permission: NotificationPermission | undefined;
}): PushSupport {
  const apple = /iPhone|iPad|iPod/.test(env.userAgent);
  if (apple && !env.standalone) return 'ios-install';
  if (!env.hasPush || env.permission === undefined) return 'unsupported';
  if (env.permission === 'denied') return 'denied';
  return 'supported';
}

export function currentPushSupport(): PushSupport {
  return pushSupport({
    userAgent: navigator.userAgent,
    standalone:
      window.matchMedia('(display-mode: standalone)').matches ||
      (navigator as Navigator & { standalone?: boolean }).standalone === true,
    hasPush: 'serviceWorker' in navigator && 'PushManager' in window,
    permission: 'Notification' in window ? Notification.permission : undefined,
  });
}

/** A short name for this device in the person's list ("Firefox on Linux"). */
export function deviceName(userAgent: string): string {
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /Chrome\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : 'Browser';
  const system = /Android/.test(userAgent)
    ? 'Android'
    : /iPhone|iPad/.test(userAgent)
      ? 'iOS'
      : /Mac OS X/.test(userAgent)
        ? 'macOS'
        : /Windows/.test(userAgent)
          ? 'Windows'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : '';
  return (system ? `${browser} · ${system}` : browser).slice(0, 100);
}
