import { t } from '../i18n/i18n.ts';

/** One watch in a place's list, in words, with on/off, edit and remove. */
export function WatchRow({
  watch,
  rule,
  schedule,
  busy,
  onToggle,
  onEdit,
  onRemove,
}: {
  watch: { id: string; enabled: boolean };
  /** The rule and the schedule in words (`describeRule`, `describeSchedule`). */
  rule: string;
  schedule: string | null;
  busy: { toggle: boolean; remove: boolean };
  onToggle: (enabled: boolean) => void;
  /** Opens the form; the button is where focus returns when it closes. */
  onEdit: (button: HTMLElement) => void;
  onRemove: () => void;
}) {
  return (
    <li className="watches__item">
      <span className="watches__rule">
        {rule}
        {schedule && <span className="watches__schedule">{schedule}</span>}
      </span>
      <label className="watches__toggle">
        <input
          type="checkbox"
          checked={watch.enabled}
          disabled={busy.toggle}
          onChange={(event) => onToggle(event.target.checked)}
        />
        {t('watches.on')}
      </label>
      <button
        type="button"
        id={`watch-edit-${watch.id}`}
        className="pill"
        aria-label={t('watches.editNamed', { rule })}
        onClick={(event) => onEdit(event.currentTarget)}
      >
        {t('watches.edit')}
      </button>
      <button
        type="button"
        className="pill"
        disabled={busy.remove}
        aria-label={t('watches.removeNamed', { rule })}
        onClick={onRemove}
      >
        {t('watches.remove')}
      </button>
    </li>
  );
}
