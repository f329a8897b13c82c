/**
 * The merge's three ratios against their targets (45 % / 30 % / 90 %) as a bar chart: ECharts,
 * imported modularly from echarts/core, in this lazy chunk only (MergePage loads it with lazy()).
 */
import { useEffect, useRef } from 'react';
import { BarChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

use([BarChart, GridComponent, MarkLineComponent, TooltipComponent, SVGRenderer]);

export interface Ratio { name: string; value: number; target: number; met: boolean }

export default function MergeCharts({ ratios }: { ratios: Ratio[] }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const chart = init(el.current, undefined, { renderer: 'svg' });
    chart.setOption({
      animation: false,
      tooltip: {},
      grid: { left: 60, right: 20, top: 20, bottom: 40 },
      xAxis: { type: 'category', data: ratios.map((r) => r.name) },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value} %' } },
      series: [
        {
          name: '实际', type: 'bar',
          data: ratios.map((r) => ({ value: Math.round(r.value * 1000) / 10, itemStyle: { color: r.met ? '#1e7a34' : '#a10000' } })),
          label: { show: true, position: 'top', formatter: '{c} %' },
        },
        { name: '目标', type: 'bar', data: ratios.map((r) => Math.round(r.target * 100)), itemStyle: { color: '#9aa7b8' }, label: { show: true, position: 'top', formatter: '目标 {c} %' } },
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => { window.removeEventListener('resize', resize); chart.dispose(); };
  }, [ratios]);
  return <div ref={el} className="chart" role="img" aria-label={ratios.map((r) => `${r.name} ${(r.value * 100).toFixed(1)} %，目标 ${Math.round(r.target * 100)} %`).join('；')} />;
}
