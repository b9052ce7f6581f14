import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { useAccount } from '../account/use-account.ts';
import { errorMessage } from '../error-message.ts';
import { t } from '../i18n/i18n.ts';
import { useSavedPlaces } from '../places/use-saved-places.ts';
import { trpc } from '../trpc.ts';
import { describeRule, presetLabel, WATCH_PRESETS, type PresetName } from './watch-words.ts';
import './watches.css';

/**
 * A saved place's watches (signed in only): the list, on/off and remove for
 * each, and presets to add one. Nothing for a visitor or an unsaved place.
 */
export function WatchesSection({
  place,
}: {
  place: { latitude: number; longitude: number; name: string };
}) {
  const { user } = useAccount();
  const saved = useSavedPlaces({ withWeather: false });
  const existing = user ? saved.find(place) : undefined;
  const placeId = saved.keptIn === 'account' ? (existing?.id ?? null) : null;
  if (!user) return null;
  return (
    <section className="watches card" aria-labelledby="watches-title">
      <h2 id="watches-title">{t('watches.title')}</h2>
      {placeId ? <Watches placeId={placeId} /> : <p>{t('watches.saveFirst')}</p>}
    </section>
  );
}

function Watches({ placeId }: { placeId: string }) {
  const queryClient = useQueryClient();
  const list = useQuery(trpc.watches.list.queryOptions({ placeId }));
  const refresh = { onSuccess: () => queryClient.invalidateQueries(trpc.watches.pathFilter()) };
  const create = useMutation(trpc.watches.create.mutationOptions(refresh));
  const update = useMutation(trpc.watches.update.mutationOptions(refresh));
  const remove = useMutation(trpc.watches.remove.mutationOptions(refresh));
  const failed = create.error ?? update.error ?? remove.error;

  return (
    <>
      {list.data && list.data.length === 0 && <p>{t('watches.none')}</p>}
      {list.data && list.data.length > 0 && (
        <ul className="watches__list">
          {list.data.map((watch) => (
            <li key={watch.id} className="watches__item">
              <span className="watches__rule">{describeRule(watch.rule)}</span>
              <label className="watches__toggle">
                <input
                  type="checkbox"
                  checked={watch.enabled}
                  disabled={update.isPending}
                  onChange={(event) =>
                    update.mutate({ id: watch.id, enabled: event.target.checked })
                  }
                />
                {t('watches.on')}
              </label>
              <button
                type="button"
                className="pill"
                disabled={remove.isPending}
                aria-label={t('watches.removeNamed', { rule: describeRule(watch.rule) })}
                onClick={() => remove.mutate({ id: watch.id })}
              >
                {t('watches.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="watches__presets" role="group" aria-label={t('watches.add')}>
        {(Object.keys(WATCH_PRESETS) as PresetName[]).map((name) => (
          <button
            key={name}
            type="button"
            className="pill"
            disabled={create.isPending}
            onClick={() => create.mutate({ placeId, rule: WATCH_PRESETS[name] })}
          >
            {t('watches.addPreset', { preset: presetLabel(name) })}
          </button>
        ))}
      </div>
      {failed && (
        <p className="watches__error" role="alert">
          {errorMessage(failed)}
        </p>
      )}
    </>
  );
}
