import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

import type { HourlyEntry, Units } from '../api-types.ts';
import { t } from '../i18n/i18n.ts';
import { dateFormat } from '../weather/local-time.ts';
import { formatPercent, formatShortTemperature } from '../weather/units.ts';
import { chartSeconds } from './chart-summary.ts';
import './TemperatureChart.css';

interface TemperatureChartProps {
  hours: HourlyEntry[];
  units: Units;
}

const HEIGHT = 220;

function cssColor(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

/** Month and weekday names in the page's language, as uPlot's date templates want them. */
function dateNames(): uPlot.DateNames {
  const names = (
    options: Intl.DateTimeFormatOptions,
    count: number,
    day: (index: number) => Date,
  ) => Array.from({ length: count }, (_, index) => dateFormat(options).format(day(index)));
  const month = (index: number) => new Date(Date.UTC(2026, index, 1));
  // 2026-11-01 was a Sunday, where uPlot's weekday lists start.
  const weekday = (index: number) => new Date(Date.UTC(2026, 10, 1 + index));
  return {
    MMMM: names({ month: 'long' }, 12, month),
    MMM: names({ month: 'short' }, 12, month),
    WWWW: names({ weekday: 'long' }, 7, weekday),
    WWW: names({ weekday: 'short' }, 7, weekday),
  };
}

/** The page reads right to left (Arabic): time runs leftwards, and the axes swap sides. */
const rightToLeft = () => document.documentElement.dir === 'rtl';

function options(width: number, units: Units, drawn: (chart: uPlot) => void): uPlot.Options {
  const rtl = rightToLeft();
  const text = cssColor('--muted');
  const grid = cssColor('--border');
  const temperature = cssColor('--range-warm');
  const rain = cssColor('--rain');
  const font = '12px system-ui, sans-serif';
  return {
    width,
    height: HEIGHT,
    // The times are the place's wall-clock times, stored as if UTC.
    tzDate: (seconds) => uPlot.tzDate(new Date(seconds * 1000), 'Etc/UTC'),
    // The axis's weekdays in the page's language.
    fmtDate: (template) => uPlot.fmtDate(template, dateNames()),
    legend: { show: false },
    hooks: { draw: [drawn] },
    cursor: { drag: { x: false, y: false } },
    // Half an hour of room on each side, so the first and last bars show whole.
    scales: {
      x: { time: true, dir: rtl ? -1 : 1, range: (_plot, min, max) => [min - 1800, max + 1800] },
      percent: { range: [0, 100] },
    },
    series: [
      {},
      {
        label: t('preferences.temperature'),
        scale: 'temperature',
        stroke: temperature,
        width: 2.5,
        points: { show: false },
        value: (_plot, value) =>
          value === null ? '' : formatShortTemperature(value, units.temperature),
      },
      {
        label: t('chart.chance'),
        scale: 'percent',
        stroke: rain,
        fill: `color-mix(in srgb, ${rain} 35%, transparent)`,
        width: 1,
        paths: uPlot.paths.bars?.({ size: [0.7, 12] }),
        points: { show: false },
        value: (_plot, value) => (value === null ? '' : formatPercent(value)),
      },
    ],
    axes: [
      {
        stroke: text,
        font,
        grid: { stroke: grid, width: 1 },
        ticks: { stroke: grid },
        // Hours on the axis, on the person's clock, with the weekday under the first hour of each day.
        values: [
          [3600 * 24, '{WWW}', null, null, null, null, null, null, 1],
          [
            3600,
            units.clock === '12h' ? '{h} {AA}' : '{HH}:00',
            '\n{WWW}',
            null,
            '\n{WWW}',
            null,
            null,
            null,
            1,
          ],
        ],
      },
      {
        scale: 'temperature',
        // Temperature leads: on the side a line starts reading from.
        side: rtl ? 1 : 3,
        stroke: text,
        font,
        grid: { stroke: grid, width: 1 },
        ticks: { show: false },
        size: 48,
        values: (_plot, ticks) =>
          ticks.map((tick) => formatShortTemperature(tick, units.temperature)),
      },
      {
        scale: 'percent',
        side: rtl ? 3 : 1,
        stroke: text,
        font,
        grid: { show: false },
        ticks: { show: false },
        size: 48,
        values: (_plot, ticks) => ticks.map((tick) => formatPercent(tick)),
      },
    ],
  };
}

/**
 * The next hours as a chart: temperature as a line, the chance of
 * precipitation as bars, running in the page's reading direction. uPlot draws
 * on a canvas, so the caller gives the text alternative; this chunk loads
 * apart from the app's first script.
 */
export default function TemperatureChart({ hours, units }: TemperatureChartProps) {
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const data: uPlot.AlignedData = [
      hours.map((hour) => chartSeconds(hour.time)),
      hours.map((hour) => hour.temperature),
      hours.map((hour) => hour.precipitationProbability),
    ];
    // Where uPlot drew the first and the last hour, so the direction can be checked in a browser.
    const mark = (chart: uPlot) => {
      element.dataset.firstHourX = String(Math.round(chart.valToPos(data[0][0]!, 'x')));
      element.dataset.lastHourX = String(Math.round(chart.valToPos(data[0].at(-1)!, 'x')));
    };
    let plot = new uPlot(options(element.clientWidth, units, mark), data, element);
    const resize = new ResizeObserver(() =>
      plot.setSize({ width: element.clientWidth, height: HEIGHT }),
    );
    resize.observe(element);
    // Colours come from the theme, direction from the language: draw again when either changes.
    const themeChange = new MutationObserver(() => {
      plot.destroy();
      plot = new uPlot(options(element.clientWidth, units, mark), data, element);
    });
    themeChange.observe(document.documentElement, { attributeFilter: ['data-theme', 'dir'] });
    return () => {
      resize.disconnect();
      themeChange.disconnect();
      plot.destroy();
    };
  }, [hours, units]);

  return <div ref={container} className="temperature-chart" />;
}
