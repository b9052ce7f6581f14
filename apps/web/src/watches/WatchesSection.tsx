import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';

import { useAccount } from '../account/use-account.ts';
import { errorMessage } from '../error-message.ts';
import { t } from '../i18n/i18n.ts';
import { useSavedPlaces } from '../places/use-saved-places.ts';
import { useUnits } from '../preferences/use-units.ts';
import { trpc } from '../trpc.ts';
import { WatchForm } from './WatchForm.tsx';
import { PresetsBar } from './PresetsBar.tsx';
import { WatchRow } from './WatchRow.tsx';
import { describeRule, describeSchedule, WATCH_PRESETS } from './watch-words.ts';
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
              <WatchRow
                key={watch.id}
                watch={watch}
                rule={rule}
                schedule={schedule}
                busy={{ toggle: update.isPending, remove: remove.isPending }}
                onToggle={(enabled) => update.mutate({ id: watch.id, enabled })}
                onEdit={(button) => open(watch.id, button)}
                onRemove={() => remove.mutate({ id: watch.id })}
              />
            );
          })}
        </ul>
      )}
      {editing === 'new' ? (
        <WatchForm placeId={placeId} onDone={close} />
      ) : (
        <PresetsBar
          busy={create.isPending}
          onPreset={(name) => create.mutate({ placeId, rule: WATCH_PRESETS[name] })}
          onOwn={(button) => open('new', button)}
        />
      )}
      {failed && (
        <p className="watches__error" role="alert">
          {errorMessage(failed)}
        </p>
      )}
    </>
  );
}
