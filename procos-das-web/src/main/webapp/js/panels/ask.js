// Ask: a question to the knowledge base; the answer with its cited sources, each opened in place.
import * as api from '../api.js';
import { h, replace, field, duration } from '../dom.js';

const MAX_QUESTION = 2000;

export function render(view) {
  const question = h('textarea', { id: 'ask-question', name: 'question', rows: 3, maxlength: MAX_QUESTION, required: true, 'aria-required': 'true' });
  const topK = h('input', { id: 'ask-top-k', name: 'top_k', type: 'number', min: 1, max: 20, value: 5 });
  const submit = h('button', { type: 'submit', id: 'ask-submit', text: 'Ask' });
  const answer = h('section', { id: 'ask-answer', 'data-testid': 'ask-answer', 'aria-live': 'polite', 'aria-label': 'Answer' });

  const form = h('form', { class: 'panel-form', onsubmit: async event => {
    event.preventDefault();
    const text = question.value.trim();
    if (!text) { question.focus(); api.showError('Write a question first.'); return; }
    api.clearError();
    submit.disabled = true;
    answer.setAttribute('aria-busy', 'true');
    replace(answer, h('p', { class: 'muted', text: 'Looking for an answer…' }));
    try {
      const result = await api.post('ask', { question: text, top_k: Number(topK.value) || 5 }, { what: 'ask questions' });
      showAnswer(answer, result);
    } catch (e) {
      replace(answer, h('p', { class: 'field-error', text: `No answer: ${e.message}` }));
    } finally {
      submit.disabled = false;
      answer.removeAttribute('aria-busy');
    }
  } },
  field('Question', question, 'Asked of the indexed knowledge; the answer names its sources.'),
  field('Passages to use', topK),
  h('div', { class: 'actions' }, submit));

  replace(view, h('h1', { text: 'Ask' }), form, answer);
  question.focus();
}

function showAnswer(region, result) {
  const sources = result.sources || [];
  const list = h('ol', { id: 'ask-sources', class: 'sources', 'data-testid': 'ask-sources' },
    sources.map(source => h('li', {},
      h('details', { class: 'source', id: `source-${source.n}`, 'data-n': source.n },
        h('summary', {},
          h('span', { class: 'source-n', text: `[${source.n}] ` }),
          h('span', { class: 'source-title', text: source.title || source.source }),
          h('span', { class: 'muted', text: ` — ${source.source}${source.position ? `, ${source.position}` : ''}`
            + (typeof source.relevance === 'number' ? `, relevance ${source.relevance.toFixed(2)}` : '') })),
        h('blockquote', { class: 'snippet', text: source.snippet || '' })))));
  replace(region,
    h('h2', { text: 'Answer' }),
    h('p', { id: 'ask-answer-text', class: 'answer-text' }, citeLinks(result.answer || '', list)),
    h('p', { class: 'muted', id: 'ask-meta', text: `${result.method === 'grounded' ? 'Written from the sources' : 'Passages quoted from the sources'} (${result.method}) in ${duration(result.elapsed_ms)}.` }),
    h('h3', { text: sources.length ? 'Sources' : 'No sources were found.' }),
    list);
}

// "[2]" in the answer becomes a button that opens source 2 in place and moves focus to it.
function citeLinks(text, list) {
  const parts = String(text).split(/(\[\d+\])/);
  return parts.map(part => {
    const match = /^\[(\d+)\]$/.exec(part);
    if (!match) return part;
    return h('button', { type: 'button', class: 'cite link', 'aria-label': `Open source ${match[1]}`, text: part, onclick: () => {
      const details = list.querySelector(`details[data-n="${match[1]}"]`);
      if (!details) return;
      details.open = true;
      details.querySelector('summary').focus();
    } });
  });
}
