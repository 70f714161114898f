// PDEs: worker pools, endpoint health and circuits, routing scores, and the scores over time.
import * as api from '../api.js';
import { h, replace, table, badge, every, show, field, duration } from '../dom.js';
import { can } from '../roles.js';
import { lineChart } from '../chart.js';

const POLL_MS = 5000;

export function render(view) {
  const summary = h('p', { id: 'pde-summary' });
  const pools = h('section', { id: 'pde-pools-region' });
  const endpoints = h('section', { id: 'pde-endpoints-region' });
  const taskType = h('select', { id: 'routing-task-type', name: 'task_type' }, h('option', { value: '', text: 'all task types' }));
  const chart = h('div', { id: 'routing-chart-region' });
  let knownTypes = new Set();

  const load = async () => {
    const state = await api.get('pdes');
    summary.textContent = `${state.tasks_in_flight ?? 0} task(s) in flight, ${state.tasks_locked ?? 0} locked.`;
    const poolRows = state.pools || [];
    // Pools carry what the runtime exposes; name first, then every other field as it comes.
    const poolKeys = [...new Set(poolRows.flatMap(p => Object.keys(p)))].filter(k => k !== 'name');
    replace(pools, h('h2', { text: 'Pools' }), table({ id: 'pde-pools', rows: poolRows, rowId: p => p.name, empty: 'No pools.', columns: [
      { label: 'Pool', cell: p => p.name },
      ...poolKeys.map(k => ({ label: k.replace(/_/g, ' '), cell: p => show(p[k]), class: typeof poolRows[0]?.[k] === 'number' ? 'num' : undefined })),
    ] }));
    const endpointRows = state.endpoints || [];
    replace(endpoints, h('h2', { text: 'Endpoints' }), table({ id: 'pde-endpoints', rows: endpointRows, rowId: e => e.id, rowClass: 'endpoint-row', empty: 'No endpoints.', columns: [
      { label: 'Endpoint', cell: e => e.id },
      { label: 'Kind', cell: e => e.kind || '' },
      { label: 'Health', cell: e => badge(e.health) },
      { label: 'Circuit', cell: e => badge(e.circuit) },
      { label: 'Detail', cell: e => e.detail || '' },
      { label: 'Routing scores', cell: e => (e.scores || []).length
        ? h('ul', { class: 'plain' }, e.scores.map(s => h('li', { text: scoreText(s) })))
        : '' },
      { label: 'Actions', cell: e => can('operate') ? h('button', { type: 'button', class: 'secondary endpoint-self-test', 'aria-label': `Self-test ${e.id}`, text: 'Self-test', onclick: async event => {
        event.target.disabled = true;
        try {
          const result = await api.post(`pdes/endpoints/${encodeURIComponent(e.id)}/self-test`, {}, { what: 'self-test endpoints' });
          api.showNotice(`${e.id}: ${result.health}${result.detail ? ` (${result.detail})` : ''} in ${duration(result.elapsed_ms)}.`);
        } finally { event.target.disabled = false; }
      } }) : '' },
    ] }));
    for (const e of endpointRows) for (const s of e.scores || []) {
      if (s.task_type && !knownTypes.has(s.task_type)) {
        knownTypes.add(s.task_type);
        taskType.append(h('option', { value: s.task_type, text: s.task_type }));
      }
    }
    await loadHistory();
  };

  const loadHistory = async () => {
    const history = await api.get('pdes/routing/history', { task_type: taskType.value }, { quiet: true }).catch(() => null);
    if (!history) { replace(chart, h('p', { class: 'muted', text: 'No routing history yet.' })); return; }
    const byEndpoint = new Map();
    for (const sample of history.samples || []) {
      const t = new Date(sample.time);
      if (Number.isNaN(t.getTime())) continue;
      for (const [endpoint, score] of Object.entries(sample.scores || {})) {
        if (typeof score !== 'number') continue;
        if (!byEndpoint.has(endpoint)) byEndpoint.set(endpoint, []);
        byEndpoint.get(endpoint).push({ t, v: score });
      }
    }
    const series = [...byEndpoint].map(([name, points]) => ({ name, points }));
    replace(chart, series.length
      ? lineChart({ id: 'routing-chart', series, caption: `Routing scores over time${taskType.value ? ` for ${taskType.value}` : ''} (0 to 1, higher is preferred)` })
      : h('p', { id: 'routing-chart', class: 'muted', text: 'No routing samples yet.' }));
  };
  taskType.addEventListener('change', loadHistory);

  replace(view, h('h1', { text: 'PDEs' }), summary, pools, endpoints,
    h('section', { 'aria-labelledby': 'routing-title' }, h('h2', { id: 'routing-title', text: 'Routing scores over time' }),
      field('Task type', taskType), chart));
  return every(POLL_MS, () => (endpoints.contains(document.activeElement) ? loadHistory() : load()));
}

// successes is a decayed weight (older outcomes count less), so it is a fraction of the attempts, not a count.
function scoreText(s) {
  const successes = typeof s.successes === 'number' ? s.successes.toFixed(1) : '?';
  const attempts = s.attempts ?? '?';
  return `${s.task_type}: ${Number(s.score).toFixed(2)} (${attempts} attempt${attempts === 1 ? '' : 's'}, ${successes} weighted successes)`;
}
