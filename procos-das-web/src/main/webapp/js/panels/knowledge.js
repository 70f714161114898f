// Knowledge: the indexed sources, upload, references, re-indexing with live progress, snapshots.
import * as api from '../api.js';
import { h, replace, table, pager, field, badge, bytes, timeEl, duration, every, newestLoad } from '../dom.js';
import { can } from '../roles.js';

const PAGE = 25;

export function render(view) {
  const sources = h('div', { id: 'sources' });
  const jobs = h('div', { id: 'jobs' });
  const progress = h('section', { id: 'job-progress', 'data-testid': 'job-progress', 'aria-label': 'Indexing progress', hidden: true });
  const snapshots = h('section', { id: 'snapshots', 'aria-labelledby': 'snapshots-title' });
  let offset = 0;
  let stopJob = () => {};
  const startLoad = newestLoad();

  const loadSources = async (from = offset) => {
    offset = from;
    const isNewest = startLoad();
    const page = await api.get('knowledge/sources', { offset, limit: PAGE });
    if (!isNewest()) return; // loaded again meanwhile (a job ended, a page chosen): that answer is newer
    replace(sources,
      table({ id: 'sources-table', caption: 'Sources', rows: page.items, rowId: s => s.id, rowClass: 'source-row', empty: 'No sources yet.', columns: [
        { label: 'Name', cell: s => s.name },
        { label: 'Location', cell: s => s.location },
        { label: 'Status', cell: s => badge(s.status) },
        { label: 'Size', cell: s => bytes(s.size_bytes), class: 'num' },
        { label: 'Chunks', cell: s => String(s.chunks ?? ''), class: 'num' },
        { label: 'Last indexed', cell: s => timeEl(s.last_indexed) },
        { label: 'Problem', cell: s => s.error || '' },
        { label: 'Actions', cell: s => can('operate') ? [
          h('button', { type: 'button', class: 'secondary source-reindex', 'aria-label': `Re-index ${s.name}`, text: 'Re-index',
            onclick: () => startJob(api.post('knowledge/reindex', { source: s.id }, { what: 're-index sources' })) }),
          h('button', { type: 'button', class: 'danger source-delete', 'aria-label': `Remove ${s.name}`, text: 'Remove', onclick: async () => {
            if (!window.confirm(`Remove ${s.name} and its chunks from the index?`)) return;
            await api.del(`knowledge/sources/${encodeURIComponent(s.id)}`, { what: 'remove sources' });
            api.showNotice(`${s.name} removed.`);
            loadSources();
          } }),
        ] : '' },
      ] }),
      pager(page, loadSources, 'sources-pager'));
  };

  const loadJobs = async () => {
    const page = await api.get('knowledge/jobs', { offset: 0, limit: 10 });
    replace(jobs, table({ id: 'jobs-table', caption: 'Recent indexing jobs', rows: page.items, rowId: j => j.id, empty: 'No jobs yet.', columns: [
      { label: 'Kind', cell: j => j.kind },
      { label: 'State', cell: j => badge(j.state) },
      { label: 'Done', cell: j => `${j.done ?? 0} / ${j.total ?? '?'}`, class: 'num' },
      { label: 'Started', cell: j => timeEl(j.started) },
      { label: 'Finished', cell: j => timeEl(j.finished) },
      { label: 'Problem', cell: j => j.error || '' },
    ] }));
  };

  // Follows a job: the event stream first, polling when the stream cannot be had.
  const follow = job => {
    stopJob();
    progress.hidden = false;
    showProgress(progress, job);
    if (job.state !== 'running') return finished(job);
    let stopped = false;
    let stopPolling = () => {};
    const onJob = current => {
      if (stopped) return;
      showProgress(progress, current);
      if (current.state !== 'running') { stopJob(); finished(current); }
    };
    const closeStream = api.events(`knowledge/jobs/${encodeURIComponent(job.id)}/events`, null, 'progress', onJob, () => {
      if (stopped) return;
      stopPolling = every(1000, async () => onJob(await api.get(`knowledge/jobs/${encodeURIComponent(job.id)}`, null, { quiet: true })));
    });
    stopJob = () => { stopped = true; closeStream(); stopPolling(); };
  };

  const finished = job => {
    api.showNotice(job.state === 'done' ? 'Indexing finished.' : `Indexing failed: ${job.error || 'see the jobs table'}`);
    loadSources();
    loadJobs();
  };

  const startJob = async call => {
    const answer = await call;
    follow(answer.job || answer);
    loadSources();
  };

  const forms = [];
  if (can('operate')) {
    const file = h('input', { id: 'upload-file', name: 'file', type: 'file', required: true, 'aria-required': 'true' });
    const uploadButton = h('button', { type: 'submit', id: 'upload-submit', text: 'Upload and index' });
    forms.push(h('form', { class: 'panel-form inline', 'aria-label': 'Upload a document', onsubmit: async event => {
      event.preventDefault();
      if (!file.files.length) { api.showError('Choose a file to upload.'); file.focus(); return; }
      const form = new FormData();
      form.append('file', file.files[0]);
      uploadButton.disabled = true;
      try {
        await startJob(api.upload('knowledge/sources', form, { what: 'upload documents' }));
        file.value = '';
      } finally {
        uploadButton.disabled = false;
      }
    } }, h('h2', { text: 'Upload' }), field('Document (Markdown, text, HTML, PDF)', file), h('div', { class: 'actions' }, uploadButton)));

    const reference = h('input', { id: 'reference-path', name: 'reference', type: 'text', required: true, 'aria-required': 'true', maxlength: 2000 });
    forms.push(h('form', { class: 'panel-form inline', 'aria-label': 'Index a folder, file or URL', onsubmit: async event => {
      event.preventDefault();
      const value = reference.value.trim();
      if (!value) { reference.focus(); return; }
      const body = /^https?:\/\//i.test(value) ? { url: value } : { path: value };
      await startJob(api.post('knowledge/sources/reference', body, { what: 'add sources' }));
      reference.value = '';
    } }, h('h2', { text: 'Reference' }),
    field('Folder or file (relative to the knowledge folder) or an https URL', reference),
    h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'reference-submit', text: 'Index' }))));

    forms.push(h('div', { class: 'panel-form inline' }, h('h2', { text: 'Re-index' }),
      h('p', { class: 'muted', text: 'Indexes every source again (changed files, new chunking settings).' }),
      h('div', { class: 'actions' }, h('button', { type: 'button', id: 'reindex-all', text: 'Re-index all',
        onclick: () => startJob(api.post('knowledge/reindex', {}, { what: 're-index sources' })) }))));
  }

  replace(view, h('h1', { text: 'Knowledge' }),
    forms.length ? h('div', { class: 'form-row' }, forms) : null,
    progress, sources, jobs, snapshots);

  loadSources();
  loadJobs().then(async () => {
    // A job still running (started elsewhere or before a reload) is followed at once.
    const page = await api.get('knowledge/jobs', { offset: 0, limit: 1 }, { quiet: true });
    if (page.items[0]?.state === 'running') follow(page.items[0]);
  }).catch(() => {});
  loadSnapshots(snapshots);
  return () => stopJob();
}

function showProgress(region, job) {
  const percent = Math.max(0, Math.min(100, Number(job.percent) || (job.total ? (100 * job.done) / job.total : 0)));
  const words = `${job.kind || 'job'} ${job.state}: ${job.done ?? 0} of ${job.total ?? '?'} (${percent.toFixed(0)} %)`
    + (job.state === 'running' && job.eta_ms !== null && job.eta_ms !== undefined ? `, about ${duration(job.eta_ms)} left` : '');
  replace(region,
    h('h2', { text: 'Indexing' }),
    h('div', { id: 'progress-bar', 'data-testid': 'progress-bar', class: `progress progress-${job.state}`, role: 'progressbar',
      'aria-label': 'Indexing progress', 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': percent.toFixed(0), 'aria-valuetext': words },
    h('div', { class: 'progress-fill' })),
    h('p', { id: 'job-status', 'aria-live': 'polite', text: words }),
    job.current ? h('p', { class: 'muted', id: 'job-current', text: `Now: ${job.current}` }) : null,
    job.error ? h('p', { class: 'field-error', text: job.error }) : null);
  // The fill's width is set through the CSSOM, which a strict style-src still allows.
  region.querySelector('.progress-fill').style.width = `${percent}%`;
}

async function loadSnapshots(region) {
  try {
    const answer = await api.get('knowledge/snapshots', null, { quiet: true });
    const items = Array.isArray(answer) ? answer : answer?.items || [];
    replace(region, h('h2', { id: 'snapshots-title', text: 'Snapshots' }),
      h('p', { text: `${items.length} snapshot(s) of the index are kept; export and import them through the API.` }));
  } catch (e) {
    if (e.status === 404) {
      replace(region, h('h2', { id: 'snapshots-title', text: 'Snapshots' }),
        h('div', { class: 'actions' },
          h('button', { type: 'button', id: 'snapshot-export', disabled: true, text: 'Export snapshot (coming)' }),
          h('button', { type: 'button', id: 'snapshot-import', disabled: true, text: 'Import snapshot (coming)' })));
    } else {
      region.remove();
    }
  }
}
