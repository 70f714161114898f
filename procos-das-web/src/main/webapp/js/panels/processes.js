// Processes: the deployed definitions; a definition's diagram and XML, starting it with variables,
// suspending and resuming it, its versions.
import * as api from '../api.js';
import { h, replace, table, pager, field, badge, newestLoad } from '../dom.js';
import { can } from '../roles.js';
import { showDiagram } from '../bpmn.js';
import { showVersions } from './versions.js';

const PAGE = 25;
const MAX_VARIABLES = 100_000;

export function render(view) {
  const key = h('input', { id: 'definitions-key', name: 'key', type: 'text', maxlength: 255 });
  const latest = h('input', { id: 'definitions-latest', name: 'latest', type: 'checkbox', checked: true });
  const results = h('div', { id: 'definitions-results' });
  const redeployResult = h('div', { id: 'redeploy-result', 'aria-live': 'polite' });
  let offset = 0;
  const startLoad = newestLoad();

  const load = async (from = offset) => {
    offset = from;
    const isNewest = startLoad();
    const page = await api.get('process-definitions', { key: key.value.trim(), latest: latest.checked ? 'true' : '', offset, limit: PAGE });
    if (!isNewest()) return; // a filter applied meanwhile: its answer is the one to show
    replace(results,
      table({ id: 'definitions-table', caption: 'Process definitions', rows: page.items, rowId: d => d.id, rowClass: 'definition-row', empty: 'No definitions match.', columns: [
        { label: 'Key', cell: d => h('a', { href: `#/processes/${encodeURIComponent(d.id)}`, class: 'definition-link', text: d.key }) },
        { label: 'Name', cell: d => d.name || '' },
        { label: 'Version', cell: d => String(d.version), class: 'num' },
        { label: 'Kind', cell: d => d.metadata?.['procos.kind'] || '' },
        { label: 'Resource', cell: d => d.resource || '' },
        { label: 'State', cell: d => badge(d.suspended ? 'suspended' : 'active') },
        { label: 'Actions', cell: d => suspendButton(d, () => load()) },
      ] }),
      pager(page, load, 'definitions-pager'));
  };
  const filters = h('form', { class: 'panel-form filters', 'aria-label': 'Filter definitions', onsubmit: event => { event.preventDefault(); load(0); } },
    field('Key', key), h('div', { class: 'field check' }, latest, h('label', { for: 'definitions-latest', text: 'Latest versions only' })),
    h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'definitions-filter', text: 'Filter' })));
  latest.addEventListener('change', () => load(0));

  const redeploy = can('operate') ? h('button', { type: 'button', id: 'processes-redeploy', class: 'secondary', text: 'Redeploy the processes folder', onclick: async event => {
    event.target.disabled = true;
    try {
      const result = await api.post('kernel/redeploy', {}, { what: 'redeploy processes' });
      const list = (label, items) => h('p', {}, `${label}: `, (items || []).length ? (items || []).map(String).join(', ') : 'none');
      replace(redeployResult, list('Deployed', result.deployed), list('Unchanged', result.unchanged), list('Failed', result.failed));
      load();
    } finally { event.target.disabled = false; }
  } }) : null;

  replace(view, h('h1', { text: 'Processes' }), filters, redeploy, redeployResult, results);
  load();
}

function suspendButton(definition, then) {
  if (!can('operate')) return '';
  const act = definition.suspended ? 'resume' : 'suspend';
  return h('button', { type: 'button', class: `secondary definition-${act}`, 'aria-label': `${act} ${definition.key} version ${definition.version}`,
    text: definition.suspended ? 'Resume' : 'Suspend', onclick: async () => {
      await api.post(`process-definitions/${encodeURIComponent(definition.id)}/${act}`, {}, { what: `${act} process definitions` });
      then();
    } });
}

export function renderDetail(view, id) {
  const head = h('div', { id: 'definition-head' });
  const diagram = h('div', { id: 'definition-diagram', 'data-testid': 'definition-diagram', class: 'diagram', tabindex: 0, role: 'region', 'aria-label': 'Process diagram' });
  const xml = h('pre', { id: 'definition-xml', class: 'code', tabindex: 0 });
  const start = h('section', { id: 'definition-start-region' });
  const versions = h('section', { id: 'definition-versions' });
  replace(view, h('p', {}, h('a', { href: '#/processes', text: '← All definitions' })), h('h1', { text: 'Process definition' }),
    head, start,
    h('section', { 'aria-label': 'Diagram' }, h('h2', { text: 'Diagram' }), diagram),
    h('details', { id: 'definition-xml-details' }, h('summary', { text: 'BPMN XML' }), xml),
    versions);
  let handle = null;

  const showHead = definition => replace(head,
    h('dl', { class: 'facts' },
      h('dt', { text: 'Key' }), h('dd', { text: definition.key }),
      h('dt', { text: 'Name' }), h('dd', { text: definition.name || '—' }),
      h('dt', { text: 'Version' }), h('dd', { text: String(definition.version) }),
      h('dt', { text: 'Id' }), h('dd', {}, h('code', { text: definition.id })),
      h('dt', { text: 'Resource' }), h('dd', { text: definition.resource || '' }),
      h('dt', { text: 'State' }), h('dd', { id: 'definition-state' }, badge(definition.suspended ? 'suspended' : 'active')),
      Object.entries(definition.metadata || {}).map(([k, v]) => [h('dt', { text: k }), h('dd', { text: String(v) })])),
    h('div', { class: 'actions' },
      h('a', { href: `#/instances?definition_key=${encodeURIComponent(definition.key)}`, id: 'definition-instances-link', text: `Instances of ${definition.key}` }),
      can('operate') ? h('button', { type: 'button', id: definition.suspended ? 'definition-resume' : 'definition-suspend', class: 'secondary',
        text: definition.suspended ? 'Resume' : 'Suspend', onclick: async () => {
          const act = definition.suspended ? 'resume' : 'suspend';
          const changed = await api.post(`process-definitions/${encodeURIComponent(definition.id)}/${act}`, {}, { what: `${act} process definitions` });
          showHead(changed || { ...definition, suspended: !definition.suspended });
        } }) : null));

  (async () => {
    const definition = await api.get(`process-definitions/${encodeURIComponent(id)}`);
    showHead(definition);
    if (can('operate') && definition.startable !== false) showStart(start, definition);
    showVersions(versions, definition.key);
    const text = await api.get(`process-definitions/${encodeURIComponent(id)}/xml`);
    xml.textContent = text;
    try {
      handle = await showDiagram(diagram, text);
    } catch (e) {
      replace(diagram, h('p', { class: 'field-error', text: `The diagram cannot be shown: ${e.message}` }));
    }
  })().catch(() => { /* shown by the api module */ });
  return () => handle?.destroy();
}

function showStart(region, definition) {
  const businessKey = h('input', { id: 'start-business-key', name: 'business_key', type: 'text', maxlength: 255 });
  const variables = h('textarea', { id: 'start-variables', name: 'variables', rows: 5, maxlength: MAX_VARIABLES, class: 'mono', spellcheck: 'false', value: '{}' });
  const problem = h('p', { id: 'start-variables-problem', class: 'field-error', role: 'alert' });
  const result = h('p', { id: 'start-result', 'aria-live': 'polite' });
  variables.setAttribute('aria-describedby', 'start-variables-problem');
  replace(region, h('form', { id: 'definition-start', class: 'panel-form', 'aria-label': 'Start an instance', onsubmit: async event => {
    event.preventDefault();
    problem.textContent = '';
    let parsed;
    try {
      parsed = variables.value.trim() ? JSON.parse(variables.value) : {};
    } catch (e) {
      problem.textContent = `Variables: not JSON (${e.message}).`;
      variables.setAttribute('aria-invalid', 'true');
      variables.focus();
      return;
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      problem.textContent = 'Variables: a JSON object is required, e.g. {"amount": 10}.';
      variables.setAttribute('aria-invalid', 'true');
      variables.focus();
      return;
    }
    variables.removeAttribute('aria-invalid');
    const body = { variables: parsed };
    if (businessKey.value.trim()) body.business_key = businessKey.value.trim();
    const started = await api.post(`process-definitions/${encodeURIComponent(definition.id)}/start`, body, { what: 'start instances' });
    replace(result, 'Started ', h('a', { id: 'start-instance-link', href: `#/instances/${encodeURIComponent(started.instance_id)}`, text: started.instance_id }), '.');
  } },
  h('h2', { text: 'Start an instance' }),
  field('Business key (optional)', businessKey),
  field('Variables (JSON object)', variables),
  problem,
  h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'start-submit', text: 'Start' })),
  result));
}
