// The versions of a process key with rollback, and its audit trail — shown by Generate and Processes.
import * as api from '../api.js';
import { h, replace, table, timeEl, askText, show } from '../dom.js';
import { can } from '../roles.js';

/** Fills region with the versions of key (nothing when the key has none) and its audit events. */
export async function showVersions(region, key) {
  let versions;
  try {
    versions = await api.get(`processes/${encodeURIComponent(key)}/versions`, null, { quiet: true });
  } catch (e) {
    if (e.status !== 404) api.showError(e.message);
    region.replaceChildren();
    return;
  }
  const rollback = async version => {
    const comment = await askText({ title: `Roll ${key} back to version ${version.version}`, label: 'Comment', confirm: 'Roll back' });
    if (comment === null) return;
    const result = await api.post(`processes/${encodeURIComponent(key)}/rollback`, { version: version.version, comment }, { what: 'roll processes back' });
    const migrated = result?.result?.migrated?.length ?? 0;
    const left = result?.result?.not_migrated?.length ?? 0;
    api.showNotice(`${key} rolled back to version ${version.version}; ${migrated} instance(s) migrated, ${left} not.`);
    showVersions(region, key);
  };
  replace(region,
    h('h2', { text: `Versions of ${key}` }),
    table({ id: 'versions-table', rows: versions, rowId: v => v.definition_id, rowClass: 'version-row', columns: [
      { label: 'Version', cell: v => String(v.version), class: 'num' },
      { label: 'Deployed', cell: v => timeEl(v.deployed_at) },
      { label: 'Running instances', cell: v => String(v.running_instances ?? ''), class: 'num' },
      { label: 'Created by', cell: v => v.metadata?.['procos.created_by'] || '' },
      { label: 'Definition', cell: v => h('a', { href: `#/processes/${encodeURIComponent(v.definition_id)}`, text: v.definition_id }) },
      { label: 'Actions', cell: v => can('decide') && v !== versions[0]
        ? h('button', { type: 'button', class: 'secondary version-rollback', 'aria-label': `Roll back to version ${v.version}`, text: 'Roll back', onclick: () => rollback(v) })
        : '' },
    ] }),
    h('details', { id: 'audit' },
      h('summary', { text: 'Audit trail' }),
      h('div', { class: 'audit-body' }, h('p', { class: 'muted', text: 'Loading…' }))));
  const audit = region.querySelector('#audit');
  audit.addEventListener('toggle', async () => {
    if (!audit.open) return;
    const events = await api.get(`processes/${encodeURIComponent(key)}/audit`, { limit: 100 });
    replace(audit.querySelector('.audit-body'), table({ id: 'audit-table', rows: events, empty: 'No audit events.', columns: [
      { label: 'Time', cell: e => timeEl(e.time) },
      { label: 'Event', cell: e => show(e.event) },
      { label: 'Actor', cell: e => show(e.actor) },
      { label: 'Version', cell: e => show(e.version) },
      { label: 'Details', cell: e => show(e.details) },
    ] }));
  });
}
