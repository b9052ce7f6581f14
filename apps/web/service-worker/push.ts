/**
 * Web Push in Skycast's service worker: shows what the server sent
 * (Declarative Web Push JSON, which Safari shows by itself), opens or focuses
 * the place on a click, and renews a subscription the browser replaced.
 */
declare const self: ServiceWorkerGlobalScope;

interface DeclarativePush {
  notification?: {
    title?: unknown;
    body?: unknown;
    navigate?: unknown;
    lang?: unknown;
    dir?: unknown;
    tag?: unknown;
  };
}

/** The notification a push asks for; a body that is not the expected JSON still shows something. */
export function notificationOf(data: PushMessageData | null): {
  title: string;
  options: NotificationOptions & { data: { url: string } };
} {
  let message: DeclarativePush;
  try {
    message = (data?.json() as DeclarativePush | null) ?? {};
  } catch {
    message = { notification: { title: 'Skycast', body: data?.text() ?? '' } };
  }
  const n = message.notification ?? {};
  const text = (value: unknown, fallback: string) =>
    typeof value === 'string' ? value.slice(0, 500) : fallback;
  const url = text(n.navigate, '/');
  return {
    title: text(n.title, 'Skycast'),
    options: {
      body: text(n.body, ''),
      lang: text(n.lang, ''),
      dir: n.dir === 'rtl' ? 'rtl' : n.dir === 'ltr' ? 'ltr' : 'auto',
      tag: text(n.tag, 'skycast'),
      icon: '/icons/icon-192.png',
      badge: '/icons/icon-192.png',
      // Only this origin's pages are opened on a click.
      data: { url: new URL(url, self.location.origin).origin === self.location.origin ? url : '/' },
    },
  };
}

self.addEventListener('push', (event) => {
  const { title, options } = notificationOf(event.data);
  event.waitUntil(self.registration.showNotification(title, options));
});

/**
 * Shows `target` in the window already open on it, else in a window of the app
 * this worker controls, else in a new one; then brings it forward.
 */
async function openPlace(target: string): Promise<void> {
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  // navigate() rejects for a window this worker does not control (one loaded
  // before it took over, or with a hard reload): such a window is left as it is.
  const [controlled] = await self.clients.matchAll({ type: 'window' });
  const shown =
    windows.find((client) => client.url === target) ??
    (controlled && (await controlled.navigate(target).then((client) => client ?? controlled)));
  if (!shown) {
    await self.clients.openWindow(target);
    return;
  }
  // Focus needs the click's user activation; without it the place is shown all the same.
  await shown.focus().catch(() => undefined);
}

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const { url } = (event.notification.data ?? { url: '/' }) as { url: string };
  event.waitUntil(openPlace(new URL(url, self.location.origin).href));
});

// The browser replaced the subscription (keys rotated, expired): subscribe again and tell the server.
self.addEventListener('pushsubscriptionchange', (event) => {
  const change = event as Event & {
    oldSubscription?: PushSubscription | null;
    newSubscription?: PushSubscription | null;
    waitUntil(promise: Promise<unknown>): void;
  };
  change.waitUntil(
    (async () => {
      const key = change.oldSubscription?.options.applicationServerKey;
      const next =
        change.newSubscription ??
        (key
          ? await self.registration.pushManager.subscribe({
              userVisibleOnly: true,
              applicationServerKey: key,
            })
          : null);
      if (!next) return;
      await fetch('/trpc/push.subscribe', {
        method: 'POST',
        credentials: 'include',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(next.toJSON()),
      });
    })(),
  );
});
