import { t } from '../i18n/i18n.ts';
import { presetLabel, WATCH_PRESETS, type PresetName } from './watch-words.ts';

/** A button per preset watch (added in one click), and one that opens the form for any other. */
export function PresetsBar({
  busy,
  onPreset,
  onOwn,
}: {
  busy: boolean;
  onPreset: (name: PresetName) => void;
  /** Opens the form; the button is where focus returns when it closes. */
  onOwn: (button: HTMLElement) => void;
}) {
  return (
    <div className="watches__presets" role="group" aria-label={t('watches.add')}>
      {(Object.keys(WATCH_PRESETS) as PresetName[]).map((name) => (
        <button
          key={name}
          type="button"
          className="pill"
          disabled={busy}
          onClick={() => onPreset(name)}
        >
          {t('watches.addPreset', { preset: presetLabel(name) })}
        </button>
      ))}
      <button
        type="button"
        id="watch-add-own"
        className="pill"
        onClick={(event) => onOwn(event.currentTarget)}
      >
        {t('watches.addOwn')}
      </button>
    </div>
  );
}
