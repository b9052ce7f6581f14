import type { IconName } from '../weather/icon-names.ts';
import { iconUrl } from '../weather/icon-urls.ts';

/**
 * One of the app's Meteocons as an image: decorative (empty `alt`) unless a
 * `label` is given, which then is its text alternative and its tooltip.
 *
 * @example
 * <ImageIcon name="raindrop" className="hour__drop" />
 */
export function ImageIcon({
  name,
  label,
  className,
}: {
  name: IconName;
  label?: string | undefined;
  className?: string | undefined;
}) {
  return (
    <img
      className={className ? `icon ${className}` : 'icon'}
      src={iconUrl(name)}
      alt={label ?? ''}
      title={label}
      width="64"
      height="64"
      decoding="async"
      draggable={false}
    />
  );
}
