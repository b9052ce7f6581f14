import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';

import { errorMessage } from '../error-message.ts';
import { t } from '../i18n/i18n.ts';
import { trpc } from '../trpc.ts';
import { currentPushSupport, deviceName, type PushSupport } from './push-support.ts';
import './watches.css';

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replaceAll('-', '+').replaceAll('_', '/');
  const text = atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '='));
  const bytes = new Uint8Array(new ArrayBuffer(text.length));
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/**
 * Notifications in the account: turn them on for this browser (permission is
 * asked only after the click), off, send a test, the devices that get them,
 * and Recent notifications.
 */
export function NotificationsSettings() {
  const queryClient = useQueryClient();
  const [support, setSupport] = useState<PushSupport>(() => currentPushSupport());
  const [subscription, setSubscription] = useState<PushSubscription | null | undefined>();
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<string>();
  const devices = useQuery(trpc.push.devices.queryOptions());
  const recent = useQuery(trpc.notifications.list.queryOptions({ limit: 20 }));
  const refresh = () => queryClient.invalidateQueries(trpc.push.pathFilter());
  const subscribe = useMutation(trpc.push.subscribe.mutationOptions({ onSuccess: refresh }));
  const unsubscribe = useMutation(trpc.push.unsubscribe.mutationOptions({ onSuccess: refresh }));
  const test = useMutation(
    trpc.push.test.mutationOptions({
      onSuccess: () => {
        setStatus(t('notifications.testSent'));
        void queryClient.invalidateQueries(trpc.notifications.pathFilter());
      },
    }),
  );

  useEffect(() => {
    if (support !== 'supported') return;
    void navigator.serviceWorker.ready
      .then((registration) => registration.pushManager.getSubscription())
      .then(setSubscription, () => setSubscription(null));
  }, [support]);

  async function turnOn() {
    setFailure(undefined);
    try {
      const permission = await Notification.requestPermission();
      if (permission !== 'granted') {
        setSupport(currentPushSupport());
        return;
      }
      const { publicKey } = await queryClient.fetchQuery(trpc.push.publicKey.queryOptions());
      const registration = await navigator.serviceWorker.ready;
      const next = await registration.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: keyBytes(publicKey),
      });
      const json = next.toJSON();
      await subscribe.mutateAsync({
        endpoint: json.endpoint ?? next.endpoint,
        keys: { p256dh: json.keys?.p256dh ?? '', auth: json.keys?.auth ?? '' },
        device: deviceName(navigator.userAgent),
      });
      setSubscription(next);
      setStatus(t('notifications.turnedOn'));
    } catch (error) {
      setFailure(errorMessage(error));
    }
  }

  async function turnOff() {
    setFailure(undefined);
    try {
      if (subscription) {
        await unsubscribe.mutateAsync({ endpoint: subscription.endpoint });
        await subscription.unsubscribe();
      }
      setSubscription(null);
      setStatus(t('notifications.turnedOff'));
    } catch (error) {
      setFailure(errorMessage(error));
    }
  }

  return (
    <section className="notifications" aria-labelledby="notifications-title">
      <h2 id="notifications-title">{t('notifications.title')}</h2>
      {support === 'unsupported' && <p>{t('notifications.unsupported')}</p>}
      {support === 'ios-install' && <p>{t('notifications.iosInstall')}</p>}
      {support === 'denied' && <p>{t('notifications.denied')}</p>}
      {support === 'supported' && subscription !== undefined && (
        <p>
          {subscription ? (
            <button type="button" className="pill" onClick={() => void turnOff()}>
              {t('notifications.turnOff')}
            </button>
          ) : (
            <button type="button" className="pill" onClick={() => void turnOn()}>
              {t('notifications.turnOn')}
            </button>
          )}
        </p>
      )}
      <p role="status">{status}</p>
      {failure && (
        <p className="watches__error" role="alert">
          {failure}
        </p>
      )}
      <h3>{t('notifications.devices')}</h3>
      {devices.data && devices.data.length === 0 && <p>{t('notifications.noDevices')}</p>}
      {devices.data && devices.data.length > 0 && (
        <>
          <ul className="watches__list">
            {devices.data.map((device) => (
              <li key={device.id} className="watches__item">
                <span className="watches__rule">{device.device}</span>
                <button
                  type="button"
                  className="pill"
                  aria-label={t('notifications.removeDevice', { device: device.device })}
                  onClick={() => unsubscribe.mutate({ id: device.id })}
                >
                  {t('watches.remove')}
                </button>
              </li>
            ))}
          </ul>
          <button
            type="button"
            className="pill"
            disabled={test.isPending}
            onClick={() => test.mutate()}
          >
            {t('notifications.test')}
          </button>
        </>
      )}
      <h3>{t('notifications.recent')}</h3>
      {recent.data && recent.data.length === 0 && <p>{t('notifications.noneYet')}</p>}
      {recent.data && recent.data.length > 0 && (
        <ul className="watches__list notifications__recent">
          {recent.data.map((item) => (
            <li key={item.id} className="watches__item">
              <a href={item.url}>{item.title}</a>
              <span>{item.body}</span>
              <time dateTime={item.createdAt}>
                {new Date(item.createdAt).toLocaleString(
                  document.documentElement.lang || undefined,
                )}
              </time>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
