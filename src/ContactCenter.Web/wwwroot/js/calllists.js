// The department head's call lists: create one (numbers by hand, clients matching a name, or sleeping clients), assign
// operators, watch progress and read results and survey answers.
import { api, banner, clearErrors, el, fill, header, me, ready, requireRole, showError, when } from './api.js';

const $ = id => document.getElementById(id);
const user = await me();
requireRole(user, 'DepartmentHead', 'Admin');
header(user);

const staff = await api('GET', '/api/staff');
fill($('operators'), staff.filter(s => s.role === 'Operator' && s.isActive).map(s =>
  el('label', { class: 'inline' }, el('input', { type: 'checkbox', value: s.extension, class: 'operator' }), ` ${s.extension} ${s.fullName}`)));

// The survey editor: one row per question (text, kind, choices for a choice question), numbered in order; the API's
// field errors (questions[1].choices) land beside the field of that row.
const kinds = [['yes-no', 'yes / no'], ['choice', 'one of several choices'], ['scale', 'scale 1-5'], ['text', 'free text']];

function renumber() {
  [...$('questions').children].forEach((row, i) => {
    row.querySelector('.q-number').textContent = `${i + 1}.`;
    row.querySelectorAll('[data-error-slot]').forEach(n => n.setAttribute('data-error-for', `questions[${i}].${n.dataset.errorSlot}`));
  });
}

function addQuestion() {
  const choices = el('input', { class: 'q-choices', size: 30, placeholder: 'choices, separated by commas', 'aria-label': 'Choices' });
  const choicesLabel = el('label', { class: 'inline hidden' }, choices, el('span', { class: 'field-error', 'data-error-slot': 'choices' }));
  const kind = el('select', { class: 'q-kind', 'aria-label': 'Kind of answer' }, kinds.map(([value, text]) => el('option', { value }, text)));
  kind.addEventListener('change', () => choicesLabel.classList.toggle('hidden', kind.value !== 'choice'));
  const row = el('div', { class: 'question' },
    el('span', { class: 'q-number' }), ' ',
    el('input', { class: 'q-text', size: 40, placeholder: 'the question', 'aria-label': 'Question' }),
    el('span', { class: 'field-error', 'data-error-slot': 'text' }), ' ',
    kind, el('span', { class: 'field-error', 'data-error-slot': 'kind' }), ' ', choicesLabel, ' ',
    el('button', { type: 'button', class: 'secondary q-remove', onclick: () => { row.remove(); renumber(); } }, 'Remove'));
  $('questions').append(row);
  renumber();
  row.querySelector('.q-text').focus();
}

$('add-question').addEventListener('click', addQuestion);
$('purpose').addEventListener('change', () => $('survey').classList.toggle('muted', $('purpose').value !== 'survey'));

const questions = () => [...$('questions').children].map(row => {
  const kind = row.querySelector('.q-kind').value;
  return {
    text: row.querySelector('.q-text').value,
    kind,
    choices: kind === 'choice' ? row.querySelector('.q-choices').value.split(',').map(c => c.trim()).filter(c => c) : [],
  };
});

async function tasksOf(source) {
  if (source === 'hand') return $('numbers').value.split('\n').map(n => n.trim()).filter(n => n).map(phone => ({ phone }));
  const clients = await api('GET', '/api/clients?q=' + encodeURIComponent($('client-filter').value.trim()));
  return clients.map(c => ({ clientId: c.id }));
}

$('create').addEventListener('submit', async e => {
  e.preventDefault();
  clearErrors($('create'), $('banner'));
  const source = document.querySelector('input[name=source]:checked').value;
  const operators = [...document.querySelectorAll('input.operator:checked')].map(i => i.value);
  try {
    const list = source === 'sleeping'
      ? await api('POST', '/api/call-lists/sleeping', { operators, name: $('name').value || null, dueDate: $('due').value || null,
        instructions: $('instructions').value || null, days: Number($('days').value), maxAttempts: Number($('attempts').value) })
      : await api('POST', '/api/call-lists', { name: $('name').value, purpose: $('purpose').value, instructions: $('instructions').value || null,
        dueDate: $('due').value || null, operators, maxAttempts: Number($('attempts').value), tasks: await tasksOf(source), questions: questions() });
    banner($('banner'), `List "${list.name}" created with ${list.tasks} call(s)`
      + (list.questions?.length ? ` and ${list.questions.length} survey question(s).` : '.'), 'ok');
    $('questions').replaceChildren();
    await showLists();
    await progress(list.id);
  } catch (err) {
    showError($('create'), $('banner'), err);
  }
});

async function showLists() {
  const lists = await api('GET', '/api/call-lists');
  fill($('lists'), el('tr', {}, ['Created', 'Name', 'Purpose', 'Due', 'Operators', 'Calls', ''].map(h => el('th', {}, h))),
    lists.map(l => el('tr', { 'data-list': l.id }, el('td', {}, when(l.createdAt)), el('td', { class: 'name' }, l.name), el('td', {}, l.purpose),
      el('td', {}, l.dueDate ?? ''), el('td', {}, l.operators.join(', ')), el('td', {}, l.tasks),
      el('td', {}, el('button', { type: 'button', class: 'secondary', onclick: () => progress(l.id) }, 'Progress')))));
}

async function progress(id) {
  const p = await api('GET', `/api/call-lists/${id}/progress`);
  $('progress-panel').classList.remove('hidden');
  $('progress-title').textContent = `Progress of "${p.name}"`;
  $('progress-summary').textContent = `${p.total} calls: ${p.pending} to do, ${p.inProgress} in progress, ${p.done} done, ${p.failed} failed. `
    + Object.entries(p.results).map(([k, v]) => `${k}: ${v}`).join(', ');
  fill($('tasks'), el('tr', {}, ['#', 'Client', 'Phone', 'Status', 'Result', 'Attempts', 'Operator', 'Last call', 'Notes'].map(h => el('th', {}, h))),
    p.tasks.map(t => el('tr', { 'data-task': t.taskId }, el('td', {}, t.position), el('td', {}, t.client ?? ''), el('td', {}, t.phone),
      el('td', { class: 'status' }, t.status), el('td', { class: 'result' }, t.result ?? ''), el('td', {}, t.attempts), el('td', {}, t.operator ?? ''),
      el('td', {}, when(t.lastAttemptAt)), el('td', {}, t.notes ?? ''))));
  const answers = await api('GET', `/api/call-lists/${id}/answers`);
  fill($('answers'), answers.questions.length === 0 ? el('tr', {}, el('td', { class: 'muted' }, 'No survey questions on this list.')) : [
    el('tr', {}, ['Question', 'Answers', 'Counts', 'Average', 'Texts'].map(h => el('th', {}, h))),
    answers.questions.map(q => el('tr', {}, el('td', {}, `${q.number}. ${q.text}`), el('td', {}, q.answers),
      el('td', {}, Object.entries(q.counts).map(([k, v]) => `${k}: ${v}`).join(', ')), el('td', {}, q.average ?? ''), el('td', {}, q.texts.join(' | ')))),
  ]);
}

await showLists();
ready();
