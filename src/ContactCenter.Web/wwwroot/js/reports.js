// The reports page (department heads and admins): figures per queue, agent or department and interval, a chart of the
// calls and the service level, CSV export, and the agents' time by state. One service-level definition with the wallboard.
import { api, el, fill, header, me, ready, requireRole, showError, clearErrors } from './api.js';

const $ = id => document.getElementById(id);
const user = await me();
requireRole(user, 'DepartmentHead', 'Admin');
header(user);

const today = new Date().toISOString().slice(0, 10);
const params = new URLSearchParams(location.search);
$('from').value = params.get('from') ?? today;
$('to').value = params.get('to') ?? today;
$('by').value = params.get('by') ?? 'queue';
$('interval').value = params.get('interval') ?? 'hour';

const n = v => v === null || v === undefined ? '-' : v;
const money = v => Number(v).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const start = iso => iso ? new Date(iso).toISOString().replace('T', ' ').slice(0, 16) + ' UTC' : 'Total';
const query = () => new URLSearchParams({ by: $('by').value, interval: $('interval').value, from: $('from').value, to: $('to').value });
let chart = null;

const Columns = [
  ['Interval', r => start(r.start)], ['Key', r => r.key], ['Name', r => r.name], ['Offered', r => r.offered], ['Answered', r => r.answered],
  ['Abandoned', r => r.abandoned], ['In time', r => r.answeredInTime], ['Service level %', r => n(r.serviceLevelPercent)],
  ['ASA s', r => n(r.averageSpeedOfAnswerSeconds)], ['AHT s', r => n(r.averageHandleTimeSeconds)], ['Longest wait s', r => n(r.longestWaitSeconds)],
  ['Orders', r => r.orders], ['Lines', r => r.lines], ['Volume', r => money(r.volume)], ['Items per order', r => n(r.itemsPerOrder)],
  ['Upsell offered', r => r.upsellOffered], ['Upsell accepted', r => r.upsellAccepted],
  ['Promotions offered', r => r.promotionsOffered], ['Promotions accepted', r => r.promotionsAccepted], ['Complaints', r => r.complaints],
  ['Tasks done', r => r.tasksDone], ['Task results', r => Object.entries(r.taskResults).map(([k, v]) => `${k} ${v}`).join(', ')],
];
const slug = h => h.toLowerCase().replace(/[^a-z]+/g, '-').replace(/-$/, '');

function draw(report) {
  const buckets = [...new Set(report.rows.map(r => r.start))].sort();
  const sum = (b, f) => report.rows.filter(r => r.start === b).reduce((a, r) => a + f(r), 0);
  const sl = b => { const ans = sum(b, r => r.answered), ab = sum(b, r => r.abandoned); return ans + ab ? Math.round(1000 * sum(b, r => r.answeredInTime) / (ans + ab)) / 10 : null; };
  chart?.destroy();
  chart = new Chart($('chart'), {
    data: {
      labels: buckets.map(start),
      datasets: [
        { type: 'bar', label: 'offered', data: buckets.map(b => sum(b, r => r.offered)), backgroundColor: '#9db8e6' },
        { type: 'bar', label: 'answered', data: buckets.map(b => sum(b, r => r.answered)), backgroundColor: '#4f9a68' },
        { type: 'bar', label: 'abandoned', data: buckets.map(b => sum(b, r => r.abandoned)), backgroundColor: '#d0616f' },
        { type: 'line', label: 'service level %', data: buckets.map(sl), yAxisID: 'percent', borderColor: '#1f4e99' },
      ],
    },
    options: { animation: false, maintainAspectRatio: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } },
      percent: { position: 'right', min: 0, max: 100 } } },
  });
}

async function show() {
  clearErrors($('query'), $('banner'));
  history.replaceState(null, '', '?' + query());
  $('csv').href = '/api/reports/intervals?' + query() + '&format=csv';
  try {
    const [report, time] = await Promise.all([api('GET', '/api/reports/intervals?' + query()),
      api('GET', '/api/reports/agent-time?' + new URLSearchParams({ from: $('from').value, to: $('to').value }))]);
    $('about').textContent = `Inbound calls received ${start(report.from)} to ${start(report.to)}; service level: answered within the queue's threshold `
      + `(${report.serviceLevelThresholdSeconds} s without a queue) of those answered or abandoned, as on the wallboard.`;
    fill($('figures'), el('tr', {}, Columns.map(([h]) => el('th', {}, h))),
      [...report.rows, report.total].map(r => el('tr', { 'data-start': r.start ?? 'total', 'data-key': r.start ? r.key : 'total' },
        Columns.map(([h, f]) => el('td', { 'data-figure': slug(h) }, f(r))))));
    draw(report);
    fill($('agent-time'), el('tr', {}, ['Agent', 'Logged in', 'Available', 'On calls', 'Wrap-up', 'Break', 'Breaks by reason', 'Occupancy %'].map(h => el('th', {}, h))),
      time.rows.map(a => el('tr', { 'data-agent': a.extension }, el('td', {}, `${a.extension} ${a.name}`),
        [a.loggedInSeconds, a.availableSeconds, a.onCallsSeconds, a.wrapUpSeconds, a.breakSeconds].map(s => el('td', {}, clock(s))),
        el('td', {}, Object.entries(a.breakByReason).map(([k, v]) => `${k || '(no reason)'} ${clock(v)}`).join(', ')), el('td', {}, n(a.occupancyPercent)))));
  } catch (e) {
    showError($('query'), $('banner'), e);
  }
}

function clock(seconds) {
  const s = Math.round(seconds);
  return `${Math.floor(s / 3600)}:${String(Math.floor(s % 3600 / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

$('query').addEventListener('submit', e => { e.preventDefault(); show(); });
await show();
ready();
