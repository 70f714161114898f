// Instances: a live table, and the detail with the diagram (active, completed path, incidents),
// variables, history and actions (cancel with a reason, retry an incident).
import * as api from '../api.js';
import { h, replace, table, pager, field, badge, timeEl, every, askText, newestLoad } from '../dom.js';
import { can } from '../roles.js';
import { showDiagram } from '../bpmn.js';

const PAGE = 25;
const POLL_MS = 4000;
const STATES = ['', 'active', 'suspended', 'incident', 'completed', 'canceled'];

/** The list; '#/instances?definition_key=…' (or state, business_key) opens it filtered. */
export function render(view, id, query) {
  const state = h('select', { id: 'instances-state', name: 'state' }, STATES.map(s => h('option', { value: s, text: s || 'any', selected: s === (query?.get('state') || '') })));
  const key = h('input', { id: 'instances-key', name: 'definition_key', type: 'text', maxlength: 255, value: query?.get('definition_key') || '' });
  const businessKey = h('input', { id: 'instances-business-key', name: 'business_key', type: 'text', maxlength: 255, value: query?.get('business_key') || '' });
  const results = h('div', { id: 'instances-results' });
  const updated = h('p', { class: 'muted', id: 'instances-updated' });
  let offset = 0;
  const startLoad = newestLoad();

  const load = async (from = offset) => {
    offset = from;
    const isNewest = startLoad();
    const page = await api.get('instances', { state: state.value, definition_key: key.value.trim(), business_key: businessKey.value.trim(), offset, limit: PAGE });
    if (!isNewest()) return; // a filter or page chosen meanwhile: its answer is the one to show
    replace(results,
      table({ id: 'instances-table', caption: 'Process instances, newest first', rows: page.items, rowId: i => i.id, rowClass: 'instance-row', empty: 'No instances match.', columns: [
        { label: 'Instance', cell: i => h('a', { href: `#/instances/${encodeURIComponent(i.id)}`, class: 'instance-link', text: i.id }) },
        { label: 'Process', cell: i => `${i.definition_name || i.definition_key || ''}` },
        { label: 'Business key', cell: i => i.business_key || '' },
        { label: 'State', cell: i => badge(i.state) },
        { label: 'Incidents', cell: i => i.incidents ? badge(String(i.incidents)) : '0', class: 'num' },
        { label: 'Started', cell: i => timeEl(i.start_time) },
        { label: 'Ended', cell: i => timeEl(i.end_time) },
      ] }),
      pager(page, from => load(from), 'instances-pager'));
    updated.textContent = `Updated ${new Date().toLocaleTimeString()}; refreshed every few seconds while this page is visible.`;
  };

  const filters = h('form', { class: 'panel-form filters', 'aria-label': 'Filter instances', onsubmit: event => { event.preventDefault(); load(0); } },
    field('State', state), field('Process key', key), field('Business key', businessKey),
    h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'instances-filter', text: 'Filter' })));
  state.addEventListener('change', () => load(0));

  replace(view, h('h1', { text: 'Instances' }), filters, updated, results);
  // A refresh does not pull the table from under a keyboard user working in it.
  return every(POLL_MS, () => (results.contains(document.activeElement) ? null : load()));
}

export function renderDetail(view, id) {
  const head = h('div', { id: 'instance-head' });
  const actions = h('div', { id: 'instance-actions', class: 'actions' });
  const diagram = h('div', { id: 'instance-diagram', 'data-testid': 'instance-diagram', class: 'diagram', tabindex: 0, role: 'region',
    'aria-label': 'Instance diagram: active activities, the completed path and incidents are highlighted; the same facts are in the tables below' });
  const legend = h('ul', { class: 'diagram-legend', 'aria-label': 'Diagram legend' },
    h('li', {}, h('span', { class: 'key key-active', 'aria-hidden': 'true' }), 'active'),
    h('li', {}, h('span', { class: 'key key-completed', 'aria-hidden': 'true' }), 'completed'),
    h('li', {}, h('span', { class: 'key key-incident', 'aria-hidden': 'true' }), 'incident'));
  const incidents = h('section', { id: 'instance-incidents-region' });
  const variables = h('section', { id: 'instance-variables-region' });
  const history = h('section', { id: 'instance-history-region' });
  replace(view,
    h('p', {}, h('a', { href: '#/instances', text: '← All instances' })),
    h('h1', { text: 'Instance' }),
    head, actions,
    h('section', { 'aria-label': 'Diagram' }, h('h2', { text: 'Diagram' }), legend, diagram),
    incidents, variables, history);

  let handle = null;
  let shownDefinition = null;
  let shownActions = null;

  const refresh = async () => {
    const instance = await api.get(`instances/${encodeURIComponent(id)}`);
    replace(head, h('dl', { class: 'facts' },
      h('dt', { text: 'Id' }), h('dd', {}, h('code', { id: 'instance-id', text: instance.id })),
      h('dt', { text: 'Process' }), h('dd', {}, h('a', { href: `#/processes/${encodeURIComponent(instance.definition_id)}`, text: `${instance.definition_name || instance.definition_key}` })),
      h('dt', { text: 'Business key' }), h('dd', { text: instance.business_key || '—' }),
      h('dt', { text: 'State' }), h('dd', { id: 'instance-state' }, badge(instance.state)),
      h('dt', { text: 'Started' }), h('dd', {}, timeEl(instance.start_time)),
      h('dt', { text: 'Ended' }), h('dd', {}, timeEl(instance.end_time) || '—')),
    h('p', {}, h('a', { id: 'cockpit-link', href: `/camunda/app/cockpit/default/#/process-instance/${encodeURIComponent(instance.id)}`,
      target: '_blank', rel: 'noopener', text: 'Open in Cockpit' })));

    const running = instance.state === 'active' || instance.state === 'suspended' || instance.state === 'incident';
    const actionsKey = `${running}`;
    if (actionsKey !== shownActions) {
      shownActions = actionsKey;
      replace(actions, running && can('operate') ? h('button', { type: 'button', id: 'instance-cancel', class: 'danger', text: 'Cancel instance', onclick: async () => {
        const reason = await askText({ title: 'Cancel this instance', label: 'Reason', confirm: 'Cancel instance', required: true });
        if (reason === null) return;
        await api.post(`instances/${encodeURIComponent(id)}/cancel`, { reason }, { what: 'cancel instances' });
        api.showNotice('Instance canceled.');
        refresh();
      } }) : null);
    }

    const incidentList = Array.isArray(instance.incidents) ? instance.incidents : [];
    replace(incidents, h('h2', { text: `Incidents (${incidentList.length})` }),
      table({ id: 'instance-incidents', rows: incidentList, rowId: i => i.id, rowClass: 'incident-row', empty: 'No incidents.', columns: [
        { label: 'Activity', cell: i => i.activity_id },
        { label: 'Type', cell: i => i.type },
        { label: 'Message', cell: i => i.message || '' },
        { label: 'Created', cell: i => timeEl(i.created) },
        { label: 'Actions', cell: i => can('operate') ? h('button', { type: 'button', class: 'secondary incident-retry', 'aria-label': `Retry the incident at ${i.activity_id}`, text: 'Retry', onclick: async event => {
          event.target.disabled = true;
          try {
            await api.post(`incidents/${encodeURIComponent(i.id)}/retry`, {}, { what: 'retry incidents' });
            api.showNotice(`Retrying ${i.activity_id}.`);
            refresh();
          } catch { event.target.disabled = false; }
        } }) : '' },
      ] }));

    const vars = Object.entries(instance.variables || {});
    replace(variables, h('h2', { text: 'Variables' }),
      table({ id: 'instance-variables', rows: vars, rowId: ([name]) => name, empty: 'No variables.', columns: [
        { label: 'Name', cell: ([name]) => h('code', { text: name }) },
        { label: 'Value', cell: ([, value]) => h('pre', { class: 'value', text: typeof value === 'string' ? value : JSON.stringify(value, null, 2) }) },
      ] }));

    replace(history, h('h2', { text: 'History' }),
      table({ id: 'instance-history', rows: instance.history || [], empty: 'No history.', columns: [
        { label: 'Activity', cell: a => a.activity_name || a.activity_id },
        { label: 'Type', cell: a => a.activity_type },
        { label: 'Started', cell: a => timeEl(a.start_time) },
        { label: 'Ended', cell: a => a.canceled ? 'canceled' : (timeEl(a.end_time) || 'running') },
      ] }));

    if (instance.definition_id !== shownDefinition) {
      shownDefinition = instance.definition_id;
      try {
        const xml = await api.get(`process-definitions/${encodeURIComponent(instance.definition_id)}/xml`, null, { quiet: true });
        handle?.destroy();
        handle = await showDiagram(diagram, xml);
      } catch (e) {
        handle = null;
        replace(diagram, h('p', { class: 'field-error', text: `The diagram cannot be shown: ${e.message}` }));
      }
    }
    highlight(handle, instance, incidentList);
    return running;
  };

  let stopped = false;
  let timer;
  const loop = async () => {
    let running = true;
    if (document.visibilityState === 'visible') {
      try {
        running = await refresh();
      } catch (e) {
        if (e.status === 404 || e.status === 403) return; // shown; asking again will not change it
      }
    }
    if (!stopped && running) timer = setTimeout(loop, POLL_MS);
  };
  loop();
  return () => { stopped = true; clearTimeout(timer); handle?.destroy(); };
}

/** Active activities, the completed path (activities and the flows between them) and incidents. */
function highlight(handle, instance, incidents) {
  if (!handle) return;
  handle.clear();
  const active = new Set(instance.active_activities || []);
  const completed = new Set(instance.completed_activities || []);
  const reached = new Set([...completed, ...active]);
  handle.mark(completed, 'highlight-completed');
  handle.mark(handle.flowsBetween(completed, reached), 'highlight-completed-flow');
  handle.mark(active, 'highlight-active');
  const perActivity = new Map();
  for (const incident of incidents) perActivity.set(incident.activity_id, (perActivity.get(incident.activity_id) || 0) + 1);
  handle.mark(perActivity.keys(), 'highlight-incident');
  for (const [activity, n] of perActivity) handle.note(activity, `${n} incident${n > 1 ? 's' : ''}`, 'note-incident');
}
