// One ECharts canvas: built on mount, updated when the option changes, resized with its box and for
// printing, and exported as PNG (getDataURL) under a file name a person recognises. Only the chart
// types the dashboard uses are bundled, and only on the pages that draw charts.
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { Button } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

interface Props {
  option: ChartOption;
  height: number;
  /** What the chart shows, read out by screen readers and used in the PNG's name. */
  title: string;
  fileName: string;
  testId?: string;
}

/** A file name without characters file systems refuse. */
function safeFileName(name: string): string {
  return name.replace(/[\\/:*?"<>|]+/g, '-').replace(/\s+/g, '_').slice(0, 120);
}

export function EChart({ option, height, title, fileName, testId }: Props) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const element = box.current;
    if (!element) return undefined;
    const instance = echarts.init(element, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const resize = () => instance.resize();
    const observer = new ResizeObserver(resize);
    observer.observe(element);
    // Printing changes the page's width: redraw at the printed width, and back afterwards.
    window.addEventListener('beforeprint', resize);
    window.addEventListener('afterprint', resize);
    return () => {
      observer.disconnect();
      window.removeEventListener('beforeprint', resize);
      window.removeEventListener('afterprint', resize);
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({ animation: false, ...option }, { notMerge: true });
  }, [option]);

  const exportPng = () => {
    const instance = chart.current;
    if (!instance) return;
    const url = instance.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' });
    const link = document.createElement('a');
    link.href = url;
    link.download = `${safeFileName(fileName)}.png`;
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
  };

  return (
    <div className="plan-chart">
      <div ref={box} role="img" aria-label={title} style={{ width: '100%', height }} data-testid={testId} />
      <Button size="compact-xs" variant="subtle" className="no-print" onClick={exportPng} aria-label={t('plans.chart.exportAria', { title })}>
        {t('plans.chart.exportPng')}
      </Button>
    </div>
  );
}
