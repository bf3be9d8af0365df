// The dispatcher's page: the day's deliveries (accepted orders with a delivery date come by themselves), a notification
// call to the consignee (the dispatcher's phone rings first), and the call's outcome.
import { api, banner, clearErrors, el, fill, header, me, ready, requireRole, showError, when } from './api.js';

const $ = id => document.getElementById(id);
const user = await me();
requireRole(user, 'Dispatcher', 'Admin');
header(user);
$('date').value = new Date().toISOString().slice(0, 10);
let current = null;

async function show(clear = false) {
  if (clear) clearErrors($('day'), $('banner'));
  try {
    const deliveries = await api('GET', '/api/deliveries?date=' + $('date').value);
    fill($('deliveries'),
      el('tr', {}, ['Window', 'Consignee', 'Order', 'Phones', 'Status', 'Calls', 'Notes', ''].map(h => el('th', {}, h))),
      deliveries.length === 0 ? el('tr', {}, el('td', { colspan: 8, class: 'muted' }, 'No deliveries on this day.')) : null,
      deliveries.map(d => el('tr', { 'data-delivery': d.id },
        el('td', {}, d.window), el('td', {}, d.consigneeName), el('td', {}, d.orderNumber ?? ''), el('td', {}, d.phones.join(', ')),
        el('td', { class: 'status' }, d.status), el('td', {}, d.attempts ? `${d.attempts} (last ${when(d.lastAttemptAt)})` : '0'),
        el('td', {}, d.outcomeNotes ?? ''),
        el('td', {},
          el('button', { type: 'button', class: 'secondary call', onclick: () => call(d) }, 'Call'), ' ',
          el('button', { type: 'button', class: 'secondary record', onclick: () => open(d) }, 'Outcome')))));
  } catch (e) {
    showError($('day'), $('banner'), e);
  }
}

async function call(d) {
  try {
    const started = await api('POST', `/api/deliveries/${d.id}/notify`);
    banner($('banner'), `Calling ${started.phone}: your phone (${started.agent}) rings first. Attempt ${started.attempt}.`, 'info');
    open(d);
    await show();
  } catch (e) {
    banner($('banner'), e.message);
  }
}

function open(d) {
  current = d;
  clearErrors($('outcome'), $('outcome-banner'));
  $('outcome-panel').classList.remove('hidden');
  $('outcome-title').textContent = `Outcome of the call to ${d.consigneeName} (${d.window})`;
}

$('outcome').addEventListener('submit', async e => {
  e.preventDefault();
  clearErrors($('outcome'), $('outcome-banner'));
  try {
    await api('POST', `/api/deliveries/${current.id}/outcome`, {
      outcome: $('outcome-kind').value, notes: $('notes').value || null, newDate: $('new-date').value || null, newWindow: $('new-window').value || null,
    });
    banner($('outcome-banner'), 'Outcome recorded.', 'ok');
    await show();
  } catch (err) {
    showError($('outcome'), $('outcome-banner'), err);
  }
});
$('day').addEventListener('submit', e => { e.preventDefault(); show(true); });
await show();
ready();
