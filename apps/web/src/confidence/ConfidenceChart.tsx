import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

import type { Units } from '../api-types.ts';
import { chartSeconds } from '../chart/chart-summary.ts';
import { formatShortTemperature } from '../weather/units.ts';

const HEIGHT = 200;

/** One line of the chart: its values (already in the person's units) and how it is drawn. */
export interface ChartLine {
  label: string;
  values: (number | null)[];
  /** A CSS custom property naming its colour, e.g. `--range-warm`. */
  color: string;
  width?: number;
  dash?: number[];
}

export interface ConfidenceChartProps {
  times: string[];
  /** p10 and p90, drawn as a filled band between them. */
  band?: { low: (number | null)[]; high: (number | null)[]; color: string };
  lines: ChartLine[];
  units: Units;
}

const cssColor = (name: string) =>
  getComputedStyle(document.documentElement).getPropertyValue(name).trim();

function options(width: number, props: ConfidenceChartProps): uPlot.Options {
  const text = cssColor('--muted');
  const grid = cssColor('--border');
  const font = '12px system-ui, sans-serif';
  const format = (_plot: uPlot, value: number | null) =>
    value === null ? '' : formatShortTemperature(value, props.units.temperature);
  const series: uPlot.Series[] = [{}];
  const bands: uPlot.Band[] = [];
  if (props.band) {
    const color = cssColor(props.band.color);
    series.push(
      { scale: 'temperature', stroke: color, width: 0.5, points: { show: false }, value: format },
      { scale: 'temperature', stroke: color, width: 0.5, points: { show: false }, value: format },
    );
    bands.push({ series: [2, 1], fill: `color-mix(in srgb, ${color} 28%, transparent)` });
  }
  for (const line of props.lines) {
    series.push({
      label: line.label,
      scale: 'temperature',
      stroke: cssColor(line.color),
      width: line.width ?? 1.5,
      ...(line.dash ? { dash: line.dash } : {}),
      points: { show: false },
      spanGaps: false,
      value: format,
    });
  }
  return {
    width,
    height: HEIGHT,
    tzDate: (seconds) => uPlot.tzDate(new Date(seconds * 1000), 'Etc/UTC'),
    legend: { show: false },
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: true } },
    series,
    bands,
    axes: [
      {
        stroke: text,
        font,
        grid: { stroke: grid, width: 1 },
        ticks: { stroke: grid },
        values: [
          [3600 * 24, '{WWW}', null, null, null, null, null, null, 1],
          [
            3600,
            props.units.clock === '12h' ? '{h} {AA}' : '{HH}:00',
            null,
            null,
            null,
            null,
            null,
            null,
            1,
          ],
        ],
      },
      {
        scale: 'temperature',
        stroke: text,
        font,
        grid: { stroke: grid, width: 1 },
        ticks: { show: false },
        size: 48,
        values: (_plot, ticks) =>
          ticks.map((tick) => formatShortTemperature(tick, props.units.temperature)),
      },
    ],
  };
}

/**
 * Temperature lines, and the ensemble's p10–p90 as a band, on uPlot's canvas.
 * The caller gives the text alternative; this chunk loads on its own.
 */
export default function ConfidenceChart(props: ConfidenceChartProps) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const data: uPlot.AlignedData = [
      props.times.map(chartSeconds),
      ...(props.band ? [props.band.low, props.band.high] : []),
      ...props.lines.map((line) => line.values),
    ];
    let plot = new uPlot(options(element.clientWidth, props), data, element);
    const resize = new ResizeObserver(() =>
      plot.setSize({ width: element.clientWidth, height: HEIGHT }),
    );
    resize.observe(element);
    const themeChange = new MutationObserver(() => {
      plot.destroy();
      plot = new uPlot(options(element.clientWidth, props), data, element);
    });
    themeChange.observe(document.documentElement, { attributeFilter: ['data-theme'] });
    return () => {
      resize.disconnect();
      themeChange.disconnect();
      plot.destroy();
    };
  }, [props]);
  return <div ref={container} className="confidence-chart" />;
}
