import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';

import { useAccount } from '../account/use-account.ts';
import { errorMessage } from '../error-message.ts';
import { t } from '../i18n/i18n.ts';
import { useSavedPlaces } from '../places/use-saved-places.ts';
import { useUnits } from '../preferences/use-units.ts';
import { trpc } from '../trpc.ts';
import { WatchForm } from './WatchForm.tsx';
import {
  describeRule,
  describeSchedule,
  presetLabel,
  WATCH_PRESETS,
  type PresetName,
} from './watch-words.ts';
import './watches.css';

/**
 * A saved place's watches (signed in only): the list, with on/off, edit and
 * remove for each; presets to add one in a click, and a form for any other.
 * Nothing for a visitor or an unsaved place.
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
  const units = useUnits();
  const list = useQuery(trpc.watches.list.queryOptions({ placeId }));
  const refresh = { onSuccess: () => queryClient.invalidateQueries(trpc.watches.pathFilter()) };
  const create = useMutation(trpc.watches.create.mutationOptions(refresh));
  const update = useMutation(trpc.watches.update.mutationOptions(refresh));
  const remove = useMutation(trpc.watches.remove.mutationOptions(refresh));
  const failed = create.error ?? update.error ?? remove.error;
  /** The watch whose form is open ('new' for a new one), and the button to focus when it closes. */
  const [editing, setEditing] = useState<string | null>(null);
  const returnTo = useRef<string | null>(null);
  const open = (id: string, button: HTMLElement) => {
    returnTo.current = button.id;
    setEditing(id);
  };
  useEffect(() => {
    // Back where the person was, once the form is gone.
    if (editing !== null || !returnTo.current) return;
    document.getElementById(returnTo.current)?.focus();
    returnTo.current = null;
  }, [editing]);
  const close = () => setEditing(null);

  return (
    <>
      {list.data && list.data.length === 0 && <p>{t('watches.none')}</p>}
      {list.data && list.data.length > 0 && (
        <ul className="watches__list">
          {list.data.map((watch) => {
            const rule = describeRule(watch.rule, units);
            const schedule = describeSchedule(watch.schedule);
            if (editing === watch.id)
              return (
                <li key={watch.id} className="watches__item watches__item--editing">
                  <WatchForm placeId={placeId} watch={watch} onDone={close} />
                </li>
              );
            return (
              <li key={watch.id} className="watches__item">
                <span className="watches__rule">
                  {rule}
                  {schedule && <span className="watches__schedule">{schedule}</span>}
                </span>
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
                  id={`watch-edit-${watch.id}`}
                  className="pill"
                  aria-label={t('watches.editNamed', { rule })}
                  onClick={(event) => open(watch.id, event.currentTarget)}
                >
                  {t('watches.edit')}
                </button>
                <button
                  type="button"
                  className="pill"
                  disabled={remove.isPending}
                  aria-label={t('watches.removeNamed', { rule })}
                  onClick={() => remove.mutate({ id: watch.id })}
                >
                  {t('watches.remove')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {editing === 'new' ? (
        <WatchForm placeId={placeId} onDone={close} />
      ) : (
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
          <button
            type="button"
            id="watch-add-own"
            className="pill"
            onClick={(event) => open('new', event.currentTarget)}
          >
            {t('watches.addOwn')}
          </button>
        </div>
      )}
      {failed && (
        <p className="watches__error" role="alert">
          {errorMessage(failed)}
        </p>
      )}
    </>
  );
}
