// The wallboard: live queue figures and agents by state. Refetched when the hub says queues or agents changed,
// every 2 s while the live channel is down, and every 5 s anyway; waits tick every second in between.
import { api, el, fill, header, me, ready, stateBadge } from './api.js';
import { connectLive, liveIndicator } from './live.js';

const $ = id => document.getElementById(id);
header(await me());

const States = ['available', 'ringing', 'on-call', 'wrap-up', 'break', 'absent', 'logged-out', 'unregistered'];
let live = false;
let fetchedAt = Date.now();
let queues = [];

// "00:01:05.1234" -> seconds
const toSeconds = span => {
  if (!span) return null;
  const [h, m, s] = span.split(':');
  const days = h.includes('.') ? Number(h.split('.')[0]) : 0;
  return days * 86400 + Number(h.split('.').pop()) * 3600 + Number(m) * 60 + Number(s);
};
const clock = seconds => seconds === null ? '-' : `${Math.floor(seconds / 60)}:${String(Math.floor(seconds % 60)).padStart(2, '0')}`;

function figure(label, value, id) {
  return el('div', {}, el('div', { class: 'figure', id }, value), el('div', { class: 'figure-label' }, label));
}

/** Today's service level: answered within the queue's threshold of the calls answered or abandoned since local midnight. */
function today(queue, t) {
  if (!t) return null;
  const since = new Date(t.since).toLocaleTimeString('en-GB', { timeZone: t.timeZone, hour: '2-digit', minute: '2-digit' });
  return el('div', { class: 'wall today' },
    figure(`service level today (within ${toSeconds(t.threshold)} s)`, t.serviceLevel === null ? '-' : `${t.serviceLevel} %`, `sl-${queue}`),
    figure('answered today', t.answered, `answered-today-${queue}`),
    figure('answered in time today', t.answeredInTime, `in-time-today-${queue}`),
    figure('abandoned today', t.abandoned, `abandoned-today-${queue}`),
    el('p', { class: 'muted' }, `Today: since ${since} ${t.timeZone}.`));
}

function renderQueues() {
  const elapsed = (Date.now() - fetchedAt) / 1000;
  fill($('queues'), ...queues.map(q => {
    const f = q.figures;
    const longest = toSeconds(f.longestWait);
    const handled = f.answered + f.abandoned;
    return el('section', { class: 'panel', 'data-queue': q.name },
      el('h2', {}, `Queue ${q.name}`, el('span', { class: 'muted' }, ` (${q.strategy})`)),
      el('div', { class: 'wall' },
        figure('waiting', f.waiting, `waiting-${q.name}`),
        figure('longest wait', clock(longest === null ? null : longest + (f.waiting > 0 ? elapsed : 0)), `longest-${q.name}`),
        figure('answered', f.answered, `answered-${q.name}`),
        figure('abandoned', f.abandoned, `abandoned-${q.name}`),
        figure('answered of offered', handled ? `${Math.round(100 * f.answered / handled)} %` : '-', `answered-rate-${q.name}`),
        figure('average wait', clock(toSeconds(f.averageWait)), `average-${q.name}`),
        figure('callbacks waiting', f.callbacks, `callbacks-${q.name}`),
        figure('members free', `${q.members.filter(m => m.state === 'available').length} / ${q.members.length}`, `free-${q.name}`)),
      today(q.name, f.today),
      el('p', { class: 'muted' }, 'Waiting, answered, abandoned and the average wait count since the service started.'));
  }));
}

async function refresh() {
  const [q, agents] = await Promise.all([api('GET', '/api/queues'), api('GET', '/api/agents')]);
  queues = q;
  fetchedAt = Date.now();
  renderQueues();
  const counts = Object.fromEntries(States.map(s => [s, 0]));
  agents.forEach(a => { counts[a.state] = (counts[a.state] ?? 0) + 1; });
  fill($('agent-states'), ...Object.entries(counts).map(([s, n]) => figure(s, n, `agents-${s}`)));
  fill($('agents'), el('tr', {}, el('th', {}, 'Extension'), el('th', {}, 'State'), el('th', {}, 'Reason'), el('th', {}, 'Answered')),
    agents.map(a => el('tr', {}, el('td', {}, a.extension), el('td', {}, stateBadge(a.state)), el('td', {}, a.reason ?? ''), el('td', {}, a.answeredCalls))));
  $('updated').textContent = `Updated ${new Date().toLocaleTimeString()} (${live ? 'live' : 'polling every 2 s'})`;
}

let pending = false;
const soon = () => {
  if (pending) return;
  pending = true;
  setTimeout(async () => { pending = false; await refresh(); }, 200);
};

await refresh();
const indicator = liveIndicator($('live'));
await connectLive({ queuesChanged: soon, agentState: soon }, up => { live = up; indicator(up); });
setInterval(() => { if (!live) refresh(); }, 2000);
setInterval(() => { if (live) refresh(); }, 5000);
setInterval(renderQueues, 1000);
ready();
