// Generate: an intent becomes a drafted process; the draft is shown as a diagram and as XML with its
// findings marked on the elements they name; approvers approve (which deploys) or reject; versions.
import * as api from '../api.js';
import { h, replace, table, field, badge, timeEl, every, show } from '../dom.js';
import { can } from '../roles.js';
import { showDiagram } from '../bpmn.js';
import { showVersions } from './versions.js';

const MAX_INTENT = 4000;

export function render(view) {
  const recent = h('div', { id: 'generations' });
  let form = null;
  if (can('operate')) {
    const intent = h('textarea', { id: 'generate-intent', name: 'intent', rows: 4, maxlength: MAX_INTENT, required: true, 'aria-required': 'true' });
    const domain = h('input', { id: 'generate-domain', name: 'domain', type: 'text', maxlength: 40, pattern: '[a-z][a-z0-9_]{0,39}' });
    const key = h('input', { id: 'generate-key', name: 'process_key', type: 'text', maxlength: 64, pattern: '[a-z][a-z0-9_]{0,63}' });
    const submit = h('button', { type: 'submit', id: 'generate-submit', text: 'Generate' });
    form = h('form', { class: 'panel-form', onsubmit: async event => {
      event.preventDefault();
      if (!intent.value.trim()) { intent.focus(); api.showError('Describe the process first.'); return; }
      submit.disabled = true;
      try {
        const body = { intent: intent.value.trim() };
        if (domain.value.trim()) body.domain = domain.value.trim();
        if (key.value.trim()) body.process_key = key.value.trim();
        const started = await api.post('generations', body, { what: 'generate processes' });
        window.location.hash = `#/generate/${encodeURIComponent(started.id)}`;
      } finally {
        submit.disabled = false;
      }
    } },
    field('Intent', intent, 'What the process should do, in plain words ("When an invoice arrives, …").'),
    h('div', { class: 'form-row' },
      field('Domain (optional)', domain, 'lower case, e.g. finance'),
      field('Process key (optional)', key, 'lower case letters, digits, _')),
    h('div', { class: 'actions' }, submit));
  }
  replace(view, h('h1', { text: 'Generate' }), form, recent);

  return every(5000, async () => {
    if (recent.contains(document.activeElement)) return; // do not pull the table from under the keyboard
    const items = await api.get('generations', { limit: 20 });
    replace(recent, table({ id: 'generations-table', caption: 'Recent requests', rows: items, rowId: g => g.id, rowClass: 'generation-row', empty: 'No requests yet.', columns: [
      { label: 'Request', cell: g => h('a', { href: `#/generate/${encodeURIComponent(g.id)}`, class: 'generation-link', text: g.intent_preview || g.id }) },
      { label: 'Status', cell: g => badge(g.status) },
      { label: 'Process', cell: g => g.process_key || '' },
      { label: 'Submitted', cell: g => timeEl(g.submitted_at) },
    ] }));
  });
}

export function renderDetail(view, id) {
  const status = h('div', { id: 'generate-status', 'data-testid': 'generate-status', 'aria-live': 'polite' });
  const facts = h('dl', { class: 'facts', id: 'generate-facts' });
  const diagram = h('div', { id: 'generate-diagram', 'data-testid': 'generate-diagram', class: 'diagram', tabindex: 0, role: 'region',
    'aria-label': 'Draft diagram; findings are listed beside it' });
  const xml = h('pre', { id: 'generate-xml', 'data-testid': 'generate-xml', class: 'code', tabindex: 0 });
  const findings = h('div', { id: 'generate-findings-region' });
  const decision = h('div', { id: 'generate-decision-region' });
  const deployment = h('div', { id: 'generate-deployment', 'data-testid': 'generate-deployment' });
  const versions = h('section', { id: 'generate-versions' });
  replace(view,
    h('p', {}, h('a', { href: '#/generate', text: '← All requests' })),
    h('h1', { text: 'Generated process' }),
    status, facts,
    h('div', { class: 'split' },
      h('section', { 'aria-label': 'Diagram' }, h('h2', { text: 'Diagram' }), diagram),
      h('section', { 'aria-label': 'Findings' }, findings)),
    h('details', { id: 'generate-xml-details' }, h('summary', { text: 'BPMN XML' }), xml),
    decision, deployment, versions);

  let shownXml = null;
  let handle = null;
  let shownStatus = null;
  let versionsKey = null;

  const refresh = async () => {
    const record = await api.get(`generations/${encodeURIComponent(id)}`);
    if (record.status !== shownStatus) {
      shownStatus = record.status;
      replace(status, 'Status ', badge(record.status), record.message ? ` — ${record.message}` : '',
        record.final ? '' : h('span', { class: 'muted', text: ' (updating)' }));
      showDecision(decision, record, refresh);
    }
    replace(facts, fact('Intent', record.intent), fact('Requested by', record.initiator), fact('Process key', record.process_key),
      fact('Domain', record.domain), fact('Language', record.language), fact('Attempts', String(record.attempts)),
      fact('Submitted', timeEl(record.submitted_at)),
      record.notes?.length ? fact('Notes', h('ul', {}, record.notes.map(n => h('li', { text: show(n) })))) : null);
    const all = [...(record.findings || []), ...(record.policy_findings || []).map(f => ({ ...f, policy: true }))];
    if (record.xml && record.xml !== shownXml) {
      shownXml = record.xml;
      xml.textContent = record.xml;
      try {
        handle?.destroy();
        handle = await showDiagram(diagram, record.xml);
      } catch (e) {
        replace(diagram, h('p', { class: 'field-error', text: `The diagram cannot be shown: ${e.message}` }));
        handle = null;
      }
    } else if (!record.xml && !shownXml) {
      replace(diagram, h('p', { class: 'muted', text: record.final ? 'No model was drafted.' : 'Drafting…' }));
      xml.textContent = '';
    }
    showFindings(findings, all, handle);
    if (record.decision) {
      replace(decision, h('h2', { text: 'Decision' }), h('p', { id: 'generate-decided' },
        badge(record.decision.approved ? 'approved' : 'rejected'), ` by ${record.decision.actor}`,
        record.decision.at ? [' at ', timeEl(record.decision.at)] : '', record.decision.comment ? `: ${record.decision.comment}` : ''));
    }
    if (record.deployment) {
      const d = record.deployment;
      replace(deployment, h('h2', { text: 'Deployment' }), h('p', {}, 'Deployed as ', h('strong', { text: `${d.process_key} version ${d.version}` }), ' (',
        h('a', { href: `#/processes/${encodeURIComponent(d.definition_id)}`, id: 'generate-definition-link', text: 'open the definition' }), ').'));
    } else if (record.status === 'APPROVED') {
      replace(deployment, h('p', { class: 'muted', text: 'Approved; deploying…' }));
    }
    const key = record.deployment?.process_key || (record.final ? record.process_key : null);
    if (key && key !== versionsKey) {
      versionsKey = key;
      showVersions(versions, key);
    }
    return record;
  };

  let stopped = false;
  let timer;
  const loop = async () => {
    let record = null;
    try {
      record = await refresh();
    } catch (e) {
      if (e.status === 404 || e.status === 403) return; // shown; asking again will not change it
    }
    if (stopped || record?.final) return;
    timer = setTimeout(loop, record?.status === 'AWAITING_APPROVAL' ? 5000 : 1500);
  };
  loop();
  return () => { stopped = true; clearTimeout(timer); handle?.destroy(); };
}

function fact(label, value) {
  if (value === null || value === undefined || value === '') return null;
  return [h('dt', { text: label }), h('dd', {}, value)];
}

function showFindings(region, findings, handle) {
  handle?.clear();
  for (const f of findings) {
    if (!f.element_id) continue;
    const cls = String(f.severity).toUpperCase() === 'ERROR' ? 'finding-error' : 'finding-warning';
    handle?.mark([f.element_id], cls);
  }
  const counts = new Map();
  for (const f of findings) if (f.element_id) counts.set(f.element_id, (counts.get(f.element_id) || 0) + 1);
  for (const [element, n] of counts) handle?.note(element, `${n} finding${n > 1 ? 's' : ''}`, 'note-finding');
  replace(region, h('h2', { text: `Findings (${findings.length})` }),
    findings.length ? h('ul', { id: 'generate-findings', 'data-testid': 'generate-findings', class: 'findings' }, findings.map(f =>
      h('li', { class: `finding finding-${String(f.severity).toLowerCase()}`, 'data-element': f.element_id || undefined },
        badge(f.severity), ' ', h('code', { text: f.rule }), f.policy ? ' (policy)' : '', ' ',
        f.element_id && handle?.has(f.element_id)
          ? h('button', { type: 'button', class: 'link finding-element', text: f.element_id, 'aria-label': `Show ${f.element_id} on the diagram`,
            onclick: () => handle.focus(f.element_id) })
          : (f.element_id ? h('code', { text: f.element_id }) : ''),
        h('div', { text: f.message }))))
      : h('p', { id: 'generate-findings', class: 'muted', text: 'No findings.' }));
}

function showDecision(region, record, refresh) {
  if (record.status !== 'AWAITING_APPROVAL') {
    if (!record.decision) region.replaceChildren();
    return;
  }
  if (!can('decide')) {
    replace(region, h('p', { class: 'muted', text: 'Waiting for an approver’s decision.' }));
    return;
  }
  const comment = h('textarea', { id: 'generate-comment', name: 'comment', rows: 2, maxlength: 2000 });
  const decide = approved => async () => {
    for (const b of region.querySelectorAll('button')) b.disabled = true;
    try {
      await api.post(`generations/${encodeURIComponent(record.id)}/decision`, { approved, comment: comment.value.trim() },
        { what: 'approve or reject drafts' });
      api.showNotice(approved ? 'Approved; the process is being deployed.' : 'Rejected.');
      region.replaceChildren();
      refresh();
    } catch {
      for (const b of region.querySelectorAll('button')) b.disabled = false;
    }
  };
  replace(region, h('form', { id: 'generate-decision', class: 'panel-form', 'aria-label': 'Decision', onsubmit: e => e.preventDefault() },
    h('h2', { text: 'Decision' }),
    field('Comment', comment, 'Kept with the decision in the audit trail.'),
    h('div', { class: 'actions' },
      h('button', { type: 'button', id: 'generate-approve', text: 'Approve and deploy', onclick: decide(true) }),
      h('button', { type: 'button', id: 'generate-reject', class: 'danger', text: 'Reject', onclick: decide(false) }))));
}
