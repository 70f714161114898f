// Logs: the structured log followed live (server-sent events, polling when the stream breaks),
// filtered by component, level, correlation id and process instance, with pause.
import * as api from '../api.js';
import { h, replace, field, time, every, newestLoad } from '../dom.js';

const MAX_LINES = 1000;
const LEVELS = ['', 'DEBUG', 'INFO', 'WARN', 'ERROR'];
const KNOWN = ['ts', 'time', 'level', 'component', 'event', 'message'];

export function render(view) {
  const component = h('input', { id: 'logs-component', name: 'component', type: 'text', maxlength: 200 });
  const level = h('select', { id: 'logs-level', name: 'level' }, LEVELS.map(l => h('option', { value: l, text: l || 'any' })));
  const correlation = h('input', { id: 'logs-correlation', name: 'correlation_id', type: 'text', maxlength: 200 });
  const instance = h('input', { id: 'logs-instance', name: 'process_instance', type: 'text', maxlength: 200 });
  const pause = h('button', { type: 'button', id: 'logs-pause', class: 'secondary', 'aria-pressed': 'false', text: 'Pause' });
  const lines = h('ol', { id: 'log-lines', 'data-testid': 'log-lines', class: 'log', tabindex: 0, 'aria-label': 'Log lines, newest last' });
  const state = h('p', { id: 'logs-state', role: 'status', class: 'muted' });
  let paused = false;
  let held = [];
  let stop = () => {};
  const startConnect = newestLoad();

  const filters = () => ({ component: component.value.trim(), level: level.value, correlation_id: correlation.value.trim(), process_instance: instance.value.trim() });

  const add = entries => {
    if (paused) {
      held.push(...entries);
      if (held.length > MAX_LINES) held = held.slice(-MAX_LINES);
      state.textContent = `Paused; ${held.length} new line(s) held.`;
      return;
    }
    const atBottom = lines.scrollTop + lines.clientHeight >= lines.scrollHeight - 8;
    for (const entry of entries) lines.append(logLine(entry));
    while (lines.childElementCount > MAX_LINES) lines.firstElementChild.remove();
    if (atBottom) lines.scrollTop = lines.scrollHeight;
  };

  const connect = async () => {
    stop();
    const isNewest = startConnect();
    lines.replaceChildren();
    held = [];
    const params = filters();
    let last = null;
    try {
      const recent = await api.get('logs', { ...params, limit: 200 });
      // Filters applied again while this answer was coming: the newer connection shows and follows the log.
      if (!isNewest()) return;
      add(recent.items || []);
      last = (recent.items || []).at(-1) || null;
    } catch { return; }
    let stopPolling = () => {};
    let closed = false;
    const closeStream = api.events('logs/stream', params, 'log', entry => add([entry]), () => {
      if (closed) return;
      // The stream broke: poll for entries newer than the last one shown.
      state.textContent = 'Live stream unavailable; refreshing every few seconds.';
      stopPolling = every(3000, async () => {
        const recent = await api.get('logs', { ...params, limit: 200 }, { quiet: true });
        const items = recent.items || [];
        const stamp = e => e.ts || e.time || '';
        const fresh = last ? items.filter(e => stamp(e) > stamp(last)) : items;
        if (fresh.length) { add(fresh); last = fresh.at(-1); }
      });
    });
    state.textContent = paused ? 'Paused.' : 'Following the log live.';
    stop = () => { closed = true; closeStream(); stopPolling(); };
  };

  pause.addEventListener('click', () => {
    paused = !paused;
    pause.setAttribute('aria-pressed', String(paused));
    pause.textContent = paused ? 'Resume' : 'Pause';
    if (!paused) {
      const backlog = held;
      held = [];
      add(backlog);
      state.textContent = 'Following the log live.';
    } else {
      state.textContent = 'Paused.';
    }
  });

  const form = h('form', { class: 'panel-form filters', 'aria-label': 'Filter the log', onsubmit: event => { event.preventDefault(); connect(); } },
    field('Component', component), field('Level', level), field('Correlation id', correlation), field('Process instance', instance),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', id: 'logs-apply', text: 'Apply filters' }),
      pause,
      h('button', { type: 'button', id: 'logs-clear', class: 'secondary', text: 'Clear', onclick: () => lines.replaceChildren() })));

  replace(view, h('h1', { text: 'Logs' }), form, state, lines);
  connect();
  return () => stop();
}

function logLine(entry) {
  const levelWord = String(entry.level || '').toUpperCase();
  const rest = Object.fromEntries(Object.entries(entry).filter(([k, v]) => !KNOWN.includes(k) && v !== null && v !== '' && v !== undefined));
  return h('li', { class: `log-line level-${levelWord.toLowerCase().replace(/[^a-z]/g, '')}`, 'data-level': levelWord },
    h('span', { class: 'log-time', text: time(entry.ts || entry.time) }), ' ',
    h('span', { class: 'log-level', text: levelWord }), ' ',
    h('span', { class: 'log-component', text: entry.component || '' }), ' ',
    h('strong', { class: 'log-event', text: entry.event || '' }), ' ',
    h('span', { class: 'log-message', text: entry.message || '' }),
    Object.keys(rest).length ? h('details', { class: 'log-fields' }, h('summary', { text: 'fields' }),
      h('pre', { text: JSON.stringify(rest, null, 2) })) : null);
}
