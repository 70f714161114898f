// Tasks: the human tasks the user may work on; claim, and complete with a form built from the
// task's form fields.
import * as api from '../api.js';
import { h, replace, field, timeEl, every, token, pager, newestLoad } from '../dom.js';
import { can, currentUser } from '../roles.js';

const PAGE = 25;

export function render(view) {
  const list = h('div', { id: 'task-list-region' });
  const formRegion = h('section', { id: 'task-form-region', 'aria-live': 'polite' });
  let offset = 0;
  let openTask = null;
  const startLoad = newestLoad();

  const load = async (from = offset) => {
    offset = from;
    const isNewest = startLoad();
    const page = await api.get('tasks', { offset, limit: PAGE });
    if (!isNewest()) return; // loaded again meanwhile (a claim, a poll): that answer is newer
    replace(list,
      page.items.length
        ? h('ul', { id: 'task-list', 'data-testid': 'task-list', class: 'cards' }, page.items.map(task => taskCard(task)))
        : h('p', { id: 'task-list', 'data-testid': 'task-list', class: 'muted', text: 'No tasks for you right now.' }),
      pager(page, load, 'tasks-pager'));
    if (openTask && !page.items.some(t => t.id === openTask)) { openTask = null; formRegion.replaceChildren(); }
  };

  const taskCard = task => {
    const mine = task.assignee && task.assignee === currentUser();
    return h('li', { class: 'task card', 'data-id': task.id },
      h('h3', { class: 'task-name', text: task.name || task.id }),
      h('p', { class: 'muted' },
        `${task.definition_key || ''} · `, h('a', { href: `#/instances/${encodeURIComponent(task.process_instance_id)}`, text: 'instance' }),
        ' · created ', timeEl(task.created)),
      h('p', {}, task.assignee ? `Assigned to ${task.assignee}` : `Open to ${(task.candidate_groups || []).join(', ') || 'candidates'}`),
      can('work') ? h('div', { class: 'actions' },
        !task.assignee ? h('button', { type: 'button', class: 'task-claim', 'aria-label': `Claim ${task.name}`, text: 'Claim', onclick: async () => {
          const claimed = await api.post(`tasks/${encodeURIComponent(task.id)}/claim`, {}, { what: 'claim tasks' });
          api.showNotice(`${task.name} is yours.`);
          await load();
          // The claim answers the task; its form is the list's when the answer leaves it out.
          showForm({ ...task, ...(claimed || {}), form: claimed?.form?.length ? claimed.form : task.form });
        } }) : null,
        mine ? h('button', { type: 'button', class: 'task-open', 'aria-label': `Work on ${task.name}`, text: 'Work on it', onclick: () => showForm(task) }) : null,
        mine ? h('button', { type: 'button', class: 'secondary task-unclaim', 'aria-label': `Give back ${task.name}`, text: 'Give back', onclick: async () => {
          await api.post(`tasks/${encodeURIComponent(task.id)}/unclaim`, {}, { what: 'unclaim tasks' });
          load();
        } }) : null) : null);
  };

  const showForm = task => {
    openTask = task.id;
    const controls = (task.form || []).map(formControl);
    const form = h('form', { id: 'task-form', 'data-testid': 'task-form', class: 'panel-form', 'data-task': task.id, onsubmit: async event => {
      event.preventDefault();
      const values = {};
      for (const c of controls) {
        const value = c.read();
        if (value === undefined) continue;
        values[c.id] = value;
      }
      const submit = form.querySelector('#task-complete');
      submit.disabled = true;
      try {
        await api.post(`tasks/${encodeURIComponent(task.id)}/complete`, { values }, { what: 'complete tasks' });
        api.showNotice(`${task.name} completed.`);
        openTask = null;
        formRegion.replaceChildren();
        load();
      } catch {
        submit.disabled = false;
      }
    } },
    h('h2', { text: task.name || 'Task' }),
    controls.length ? controls.map(c => c.node) : h('p', { class: 'muted', text: 'This task has no form fields.' }),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', id: 'task-complete', text: 'Complete' }),
      h('button', { type: 'button', class: 'secondary', id: 'task-form-close', text: 'Close', onclick: () => { openTask = null; formRegion.replaceChildren(); } })));
    replace(formRegion, form);
    form.querySelector('input, select, textarea, button')?.focus();
  };

  replace(view, h('h1', { text: 'Tasks' }),
    h('p', {}, 'Also in Camunda ', h('a', { id: 'tasklist-link', href: '/camunda/app/tasklist/default/', target: '_blank', rel: 'noopener', text: 'Tasklist' }), '.'),
    h('div', { class: 'split' }, list, formRegion));
  return every(5000, () => (list.contains(document.activeElement) || formRegion.contains(document.activeElement) ? null : load()));
}

/** One control for a form field ({id,label,type,required,default,values}); read() answers its value. */
function formControl(f) {
  const id = `task-field-${token(f.id)}`;
  const label = f.label || f.id;
  const required = Boolean(f.required);
  const common = { id, name: f.id, required, 'aria-required': required ? 'true' : undefined };
  switch (f.type) {
    case 'boolean': {
      const input = h('input', { ...common, type: 'checkbox', required: false, checked: f.default === true || f.default === 'true' });
      return { id: f.id, node: h('div', { class: 'field check' }, input, h('label', { for: id, text: label })), read: () => input.checked };
    }
    case 'long': {
      const input = h('input', { ...common, type: 'number', step: 1, value: f.default ?? '' });
      return { id: f.id, node: field(label, input), read: () => (input.value === '' ? undefined : Number(input.value)) };
    }
    case 'date': {
      const input = h('input', { ...common, type: 'date', value: f.default ?? '' });
      return { id: f.id, node: field(label, input, 'a date (YYYY-MM-DD)'), read: () => input.value || undefined };
    }
    case 'enum': {
      const select = h('select', common, required ? null : h('option', { value: '', text: '—' }),
        Object.entries(f.values || {}).map(([value, text]) => h('option', { value, text, selected: value === f.default })));
      return { id: f.id, node: field(label, select), read: () => select.value || undefined };
    }
    default: {
      const input = h('input', { ...common, type: 'text', maxlength: 4000, value: f.default ?? '' });
      return { id: f.id, node: field(label, input), read: () => (input.value === '' && !required ? undefined : input.value) };
    }
  }
}
