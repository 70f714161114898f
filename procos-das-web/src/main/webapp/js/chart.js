// A small line chart as inline SVG: one line per series over time, values on a fixed 0..max
// scale. Enough for routing scores; no chart library.
import { svg, h } from './dom.js';

// The same colours as .swatch-0…7 in console.css (the legend uses classes, not inline styles).
const COLOURS = ['#0b5cad', '#b42318', '#1a7f37', '#8a3ffc', '#9a6700', '#0e7490', '#be185d', '#4b5563'];

/**
 * series: [{name, points: [{t: Date, v: number}]}]. Answers a figure with the SVG (role=img,
 * labelled by the caption) and a legend that names each line's colour.
 */
export function lineChart({ id, series, caption, width = 640, height = 220, max = 1 }) {
  const pad = { left: 40, right: 12, top: 10, bottom: 28 };
  const times = series.flatMap(s => s.points.map(p => p.t.getTime()));
  const values = series.flatMap(s => s.points.map(p => p.v));
  const top = Math.max(max, ...values, 0);
  const t0 = times.length ? Math.min(...times) : 0;
  const t1 = times.length ? Math.max(...times) : 1;
  const x = t => pad.left + (t1 === t0 ? 0.5 : (t - t0) / (t1 - t0)) * (width - pad.left - pad.right);
  const y = v => height - pad.bottom - (v / (top || 1)) * (height - pad.top - pad.bottom);
  const captionId = `${id}-caption`;
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': captionId, class: 'chart' });
  // horizontal grid with value labels
  for (let i = 0; i <= 4; i++) {
    const v = (top * i) / 4;
    chart.append(svg('line', { x1: pad.left, x2: width - pad.right, y1: y(v), y2: y(v), class: 'chart-grid' }));
    chart.append(svg('text', { x: pad.left - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'chart-label', text: v.toFixed(2) }));
  }
  if (times.length) {
    for (const [t, anchor] of [[t0, 'start'], [t1, 'end']]) {
      chart.append(svg('text', { x: x(t), y: height - 8, 'text-anchor': anchor, class: 'chart-label', text: new Date(t).toLocaleTimeString() }));
    }
  }
  series.forEach((s, i) => {
    if (!s.points.length) return;
    const colour = COLOURS[i % COLOURS.length];
    const d = s.points.map((p, j) => `${j ? 'L' : 'M'}${x(p.t.getTime()).toFixed(1)},${y(p.v).toFixed(1)}`).join(' ');
    chart.append(svg('path', { d, fill: 'none', stroke: colour, 'stroke-width': 2, class: 'chart-line' },
      svg('title', { text: s.name })));
    const last = s.points[s.points.length - 1];
    chart.append(svg('circle', { cx: x(last.t.getTime()), cy: y(last.v), r: 3, fill: colour }));
  });
  const legend = h('ul', { class: 'chart-legend' }, series.map((s, i) => {
    const last = s.points[s.points.length - 1];
    return h('li', {}, h('span', { class: `swatch swatch-${i % COLOURS.length}`, 'aria-hidden': 'true' }),
      `${s.name}${last ? `: ${last.v.toFixed(2)}` : ''}`);
  }));
  return h('figure', { id, 'data-testid': id, class: 'chart-figure' }, chart, h('figcaption', { id: captionId, text: caption }), legend);
}
