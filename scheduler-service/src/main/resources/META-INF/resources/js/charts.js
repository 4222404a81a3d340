// Hand-drawn SVG: a sparkline, 90 daily uptime bars, a response-time chart. Each has a text alternative.
import { esc } from './util.js';

/** The class of a day's code from the overview: u up (≥ 99.9 %), g degraded (≥ 95 %), d down, - no checks. */
const DAY = { u: 'up', g: 'degraded', d: 'down', '-': 'none' };

/** 90 bars, one per character of days, as one path per class, so a page of thousands stays light. */
export function bars(days, { width = 270, height = 22, label = 'Uptime, last 90 days' } = {}) {
  const step = width / days.length;
  const paths = { up: '', degraded: '', down: '', none: '' };
  const counts = { up: 0, degraded: 0, down: 0, none: 0 };
  [...days].forEach((code, i) => {
    const c = DAY[code] || 'none';
    counts[c]++;
    paths[c] += `M${(i * step).toFixed(1)} 0h${(step * 0.7).toFixed(1)}v${height}h-${(step * 0.7).toFixed(1)}z`;
  });
  const text = `${label}: ${counts.up} days up, ${counts.degraded} degraded, ${counts.down} down, `
    + `${counts.none} without checks`;
  return `<svg class="bars" role="img" aria-label="${esc(text)}" width="${width}" height="${height}" `
    + `viewBox="0 0 ${width} ${height}"><title>${esc(text)}</title>`
    + Object.entries(paths).filter(([, d]) => d).map(([c, d]) => `<path class="${c}" d="${d}"/>`).join('')
    + '</svg>';
}

/** A line of the values (nulls skipped). */
export function sparkline(values, { width = 120, height = 24, label = 'Response time, last 24 hours' } = {}) {
  const known = values.filter((v) => v != null);
  if (!known.length) {
    return `<svg class="spark" role="img" aria-label="${esc(label)}: no data" width="${width}" height="${height}">`
      + `<title>${esc(label)}: no data</title></svg>`;
  }
  const max = Math.max(...known);
  const min = Math.min(...known);
  const span = max - min || 1;
  const step = width / Math.max(values.length - 1, 1);
  const points = values.map((v, i) => (v == null ? null
    : `${(i * step).toFixed(1)},${(height - 2 - ((v - min) / span) * (height - 4)).toFixed(1)}`))
    .filter(Boolean).join(' ');
  const text = `${label}: ${min}–${max} ms`;
  return `<svg class="spark" role="img" aria-label="${esc(text)}" width="${width}" height="${height}">`
    + `<title>${esc(text)}</title><polyline points="${points}"/></svg>`;
}

/** Response times of results (newest first, as the API lists them) over time; failed checks as red dots. */
export function responseChart(results, { width = 760, height = 180 } = {}) {
  const items = [...results].reverse();
  if (!items.length) return '<p class="muted">No checks yet.</p>';
  const t0 = Date.parse(items[0].startedAt);
  const t1 = Math.max(Date.parse(items[items.length - 1].startedAt), t0 + 1);
  const max = Math.max(...items.map((r) => r.durationMs), 1);
  const x = (r) => 40 + ((Date.parse(r.startedAt) - t0) / (t1 - t0)) * (width - 50);
  const y = (r) => height - 20 - (r.durationMs / max) * (height - 30);
  const line = items.filter((r) => r.outcome === 'UP').map((r) => `${x(r).toFixed(1)},${y(r).toFixed(1)}`);
  const fails = items.filter((r) => r.outcome !== 'UP')
    .map((r) => `<circle class="fail" cx="${x(r).toFixed(1)}" cy="${height - 20}" r="3"/>`).join('');
  const text = `Response time of the last ${items.length} checks: up to ${max} ms, `
    + `${items.filter((r) => r.outcome !== 'UP').length} failed`;
  return `<svg class="chart" role="img" aria-label="${esc(text)}" width="100%" viewBox="0 0 ${width} ${height}">`
    + `<title>${esc(text)}</title>`
    + `<line class="axis" x1="40" y1="${height - 20}" x2="${width}" y2="${height - 20}"/>`
    + `<line class="axis" x1="40" y1="10" x2="40" y2="${height - 20}"/>`
    + `<text x="0" y="14">${max} ms</text><text x="0" y="${height - 22}">0</text>`
    + `<polyline points="${line.join(' ')}"/>${fails}</svg>`;
}
