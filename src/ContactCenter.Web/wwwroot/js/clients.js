// The manager panel: for department heads the new clients to complete (name, numbers) and assign (manager, type, price
// column); for managers their own clients with the debt status; for managers and heads the calls they answered (the
// call log's mine filter), with the disposition.
import { api, banner, clearErrors, el, fill, money, showError, when } from './api.js';

/** Assign form and "my calls" in #manager-panel. */
export class ManagerPanel {
  constructor(root, isHead, staff) {
    this.root = root;
    this.isHead = isHead;
    this.managers = staff.filter(s => s.role === 'Manager' && s.isActive);
    this.$ = id => root.querySelector('#' + id);
    this.$('unassigned-box').classList.toggle('hidden', !isHead);
  }

  async load() {
    // The client types a head may give (types are data; "new" is what an unassigned caller is, not a choice).
    this.types = this.isHead ? (await api('GET', '/api/client-types')).filter(t => t.code !== 'new') : [];
    await Promise.all([this.isHead ? this.loadUnassigned() : null, this.loadClients(), this.loadCalls()]);
  }

  async loadClients() {
    try {
      const clients = await api('GET', '/api/clients/mine');
      const status = { overdue: 'overdue: orders refused', 'over-limit': 'over the limit: orders refused', ok: 'ok' };
      fill(this.$('my-clients'), clients.length === 0 ? el('p', { class: 'muted' }, 'No clients assigned to you.') : el('table', {},
        el('tr', {}, ['Client', 'Debt', 'Owes', 'Overdue since', 'Open orders', 'Headroom'].map(h => el('th', {}, h))),
        clients.map(c => el('tr', { 'data-client-id': c.id },
          el('td', {}, c.name, ' ', el('span', { class: 'muted' }, c.phones[0] ?? '')),
          el('td', {}, el('span', { class: c.debtStatus === 'ok' ? 'badge' : 'badge debt', 'data-debt': c.debtStatus }, status[c.debtStatus])),
          el('td', { class: 'num' }, money(c.outstanding)), el('td', {}, c.overdueSince ? `${c.overdueSince} (${money(c.overdue)})` : '-'),
          el('td', { class: 'num' }, money(c.openOrders)), el('td', { class: 'num' }, money(Math.max(0, c.headroom)))))));
    } catch (error) {
      banner(this.$('manager-banner'), error.message);
    }
  }

  async loadUnassigned() {
    try {
      const clients = await api('GET', '/api/clients/unassigned');
      fill(this.$('unassigned'), clients.length === 0 ? el('p', { class: 'muted' }, 'Every client has a manager.') :
        clients.map(c => this.assignRow(c)));
    } catch (error) {
      banner(this.$('manager-banner'), error.message);
    }
  }

  assignRow(c) {
    const row = el('div', { class: 'assign', 'data-client-id': c.id });
    const manager = el('select', { class: 'assign-manager', 'aria-label': 'Manager' },
      this.managers.map(m => el('option', { value: m.extension }, `${m.fullName} (${m.extension})`)));
    const type = el('select', { class: 'assign-type', 'aria-label': 'Client type' },
      c.type === 'new' ? el('option', { value: '' }, 'type...') : null,
      this.types.map(t => el('option', { value: t.code, selected: t.code === c.type }, t.name)));
    const column = el('input', { class: 'assign-column', type: 'number', min: 1, max: 9, value: c.priceColumn, 'aria-label': 'Price column' });
    const name = el('input', { class: 'assign-name', value: c.name, size: 24, 'aria-label': 'Client name' });
    const phones = el('input', { class: 'assign-phones', value: c.phones.join(', '), size: 28, 'aria-label': 'Phone numbers (comma-separated)' });
    const note = el('div', { class: 'assign-banner hidden' });
    const save = async () => {
      clearErrors(row, note);
      try {
        await api('PUT', `/api/clients/${c.id}/manager`, {
          manager: manager.value, type: type.value || null, priceColumn: Number(column.value) || null, name: name.value,
          phones: phones.value.split(',').map(p => p.trim()).filter(p => p),
        });
        banner(this.$('manager-banner'), `${name.value.trim() || c.name} assigned to ${manager.selectedOptions[0]?.textContent}.`, 'ok');
        await this.loadUnassigned();
      } catch (error) {
        showError(row, note, error);
      }
    };
    // The head completes a new caller's name and numbers while assigning it.
    const errorsOf = field => el('span', { class: 'field-error', 'data-error-for': field });
    fill(row, el('p', {}, el('strong', {}, c.name), ` ${c.phones.join(', ')} `, el('span', { class: 'muted' }, `since ${when(c.createdAt)}`)),
      el('div', { class: 'row' }, name, errorsOf('name'), phones, errorsOf('phones')),
      el('div', { class: 'row' }, manager, el('span', { class: 'field-error', 'data-error-for': 'manager' }),
        type, el('span', { class: 'field-error', 'data-error-for': 'type' }),
        'column ', column, el('span', { class: 'field-error', 'data-error-for': 'priceColumn' }),
        el('button', { type: 'button', class: 'assign-save', onclick: save }, 'Assign')), note);
    return row;
  }

  async loadCalls() {
    try {
      // The calls this user's extension answered (heads see every call in the log, but "my calls" are their own).
      const page = await api('GET', '/api/calls?mine=true&pageSize=10');
      fill(this.$('my-calls'), page.items.length === 0 ? el('p', { class: 'muted' }, 'No calls yet.') : el('table', {},
        el('tr', {}, el('th', {}, 'When'), el('th', {}, 'Number'), el('th', {}, 'Client'), el('th', {}, 'Who'), el('th', {}, 'Talk'), el('th', {}, 'Outcome'),
          el('th', {}, 'Disposition'), el('th', {}, 'Recording')),
        page.items.map(c => el('tr', {}, el('td', {}, when(c.receivedAt)),
          el('td', {}, c.direction === 'Outbound' ? c.dialedNumber : c.callerE164 ?? c.callerNumber), el('td', {}, c.clientName ?? '-'),
          el('td', {}, c.answeredBy ?? '-'), el('td', {}, c.talkSeconds == null ? '-' : `${Math.round(c.talkSeconds)} s`), el('td', {}, c.outcome ?? '-'),
          el('td', { title: c.dispositionNote ?? '' }, c.disposition ?? '-'),
          // A recording that failed (a full disk) says so: partial or missing, and why.
          el('td', { class: c.recordingProblem ? 'recording-problem' : '' }, c.recordingProblem ?? (c.hasRecording ? 'yes' : '-'))))));
    } catch (error) {
      banner(this.$('manager-banner'), error.message);
    }
  }
}
