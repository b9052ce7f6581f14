import { describeWeather } from '../weather/weather-codes.ts';

interface WeatherIconProps {
  code: number;
  isDay: boolean;
  /** Speak the conditions; leave out where the words are shown next to the icon. */
  labelled?: boolean;
  className?: string;
}

/** The icon for a WMO weather code, by day or by night. */
export function WeatherIcon({ code, isDay, labelled = false, className }: WeatherIconProps) {
  const { icon, label } = describeWeather(code, isDay);
  const classes = ['weather-icon', 'emoji', className].filter(Boolean).join(' ');
  return labelled ? (
    <span className={classes} role="img" aria-label={label} title={label}>
      {icon}
    </span>
  ) : (
    <span className={classes} aria-hidden="true">
      {icon}
    </span>
  );
}
