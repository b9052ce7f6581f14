import { ImageIcon } from '../ui/ImageIcon.tsx';
import { describeWeather } from '../weather/weather-codes.ts';

interface WeatherIconProps {
  code: number;
  isDay: boolean;
  /** Speak the conditions; leave out where the words are shown next to the icon. */
  labelled?: boolean;
  className?: string;
}

/** The Meteocons icon for a WMO weather code, by day or by night, with its words as its text alternative. */
export function WeatherIcon({ code, isDay, labelled = false, className }: WeatherIconProps) {
  const { icon, label } = describeWeather(code, isDay);
  return (
    <ImageIcon
      name={icon}
      label={labelled ? label : undefined}
      className={className ? `weather-icon ${className}` : 'weather-icon'}
    />
  );
}
