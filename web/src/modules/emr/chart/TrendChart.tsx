// A time-series line chart (ECharts) with each series' normal range shaded and out-of-range points in red.
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, MarkAreaComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import dayjs from 'dayjs';

echarts.use([LineChart, GridComponent, TooltipComponent, LegendComponent, MarkAreaComponent, DataZoomComponent, CanvasRenderer]);

export interface TrendSeries {
  name: string;
  /** [epoch ms, value] in time order */
  points: [number, number][];
  color?: string;
  range?: { low?: number; high?: number };
}

export interface TrendChartProps {
  series: TrendSeries[];
  unit?: string;
  height?: number;
  /** label of the shaded band in the tooltip/legend */
  rangeLabel?: string;
  testId?: string;
}

const OUT = '#cf1322';

/** Axis bounds on round numbers (steps of 1, 2 or 5 × 10^n), about five intervals, with some room around the data. */
export function niceScale(lo: number, hi: number): { min: number; max: number; step: number } {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return { min: 0, max: 1, step: 0.2 };
  const span = Math.max(hi - lo, Math.abs(hi) * 0.02, 0.5);
  const raw = span / 4;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag);
  const fix = (v: number) => Number(v.toFixed(Math.max(0, -Math.floor(Math.log10(step)) + 1)));
  let min = fix(Math.floor(lo / step) * step);
  let max = fix(Math.ceil(hi / step) * step);
  if (min === lo) min = fix(min - step);
  if (max === hi) max = fix(max + step);
  return { min, max, step };
}

export function TrendChart({ series, unit, height = 240, rangeLabel, testId }: TrendChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!ref.current) return;
    const c = echarts.init(ref.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(ref.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    const values = series.flatMap((s) => [...s.points.map((p) => p[1]), s.range?.low, s.range?.high]).filter((v): v is number => typeof v === 'number');
    const times = series.flatMap((s) => s.points.map((p) => p[0]));
    const y = niceScale(Math.min(...values), Math.max(...values));
    const t0 = Math.min(...times);
    const t1 = Math.max(...times);
    const tpad = t1 > t0 ? Math.max((t1 - t0) * 0.03, 3_600_000) : 12 * 3_600_000;
    const span = series.length ? Math.max(...series.map((s) => s.points.length)) : 0;
    c.setOption({
      animation: false,
      grid: { left: 48, right: 20, top: series.length > 1 ? 32 : 16, bottom: span > 30 ? 56 : 28 },
      legend: series.length > 1 ? { top: 0, data: series.map((s) => s.name) } : undefined,
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v: unknown) => `${v as number}${unit ? ` ${unit}` : ''}`,
        axisPointer: { type: 'line' },
      },
      xAxis: { type: 'time', min: t0 - tpad, max: t1 + tpad, axisLabel: { hideOverlap: true, formatter: (v: number) => dayjs(v).format('MM-DD\nHH:mm') } },
      yAxis: {
        type: 'value', min: y.min, max: y.max, interval: y.step,
        name: unit, nameTextStyle: { align: 'right' }, splitLine: { lineStyle: { type: 'dashed' } },
      },
      dataZoom: span > 30 ? [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 6 }] : [],
      series: series.map((s) => ({
        name: s.name,
        type: 'line',
        showSymbol: true,
        symbolSize: 6,
        color: s.color,
        data: s.points.map(([t, v]) => {
          const out = (s.range?.low !== undefined && v < s.range.low) || (s.range?.high !== undefined && v > s.range.high);
          return out ? { value: [t, v], itemStyle: { color: OUT, borderColor: OUT }, symbolSize: 9 } : { value: [t, v] };
        }),
        markArea: s.range && (s.range.low !== undefined || s.range.high !== undefined) ? {
          silent: true,
          itemStyle: { color: s.color ? `${s.color}1f` : 'rgba(82, 196, 26, 0.12)' },
          label: { show: !!rangeLabel && series.length === 1, position: 'insideTopRight', color: '#8c8c8c', fontSize: 11, formatter: rangeLabel ?? '' },
          data: [[{ yAxis: s.range.low ?? y.min }, { yAxis: s.range.high ?? y.max }]],
        } : undefined,
      })),
    }, { notMerge: true });
  }, [series, unit, rangeLabel]);

  return <div ref={ref} style={{ width: '100%', height }} data-testid={testId} role="img" aria-label={series.map((s) => s.name).join(', ')} />;
}
