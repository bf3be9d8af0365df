// Clients (find, edit, create, receivables) and client types in the company-data page.
import { api, banner, clearErrors, el, fill, money } from './api.js';
import { lines, number, showFieldErrors } from './data-form.js';

/** The clients tab (#tab-clients). */
export class ClientsPanel {
  constructor(root) {
    this.root = root;
    this.$ = id => root.querySelector('#' + id);
    this.form = this.$('client-form');
    this.current = null;
    this.$('client-search-form').addEventListener('submit', e => { e.preventDefault(); this.find(); });
    this.$('client-new').addEventListener('click', () => this.edit(null));
    this.$('client-cancel').addEventListener('click', () => this.close());
    this.form.addEventListener('submit', e => { e.preventDefault(); this.save(); });
    this.$('receivable-form').addEventListener('submit', e => { e.preventDefault(); this.addReceivable(); });
  }

  async load() {
    const types = await api('GET', '/api/client-types');
    fill(this.form.elements.type, types.map(t => el('option', { value: t.code }, `${t.name} (${t.code})`)));
    await this.find();
  }

  async find() {
    const list = await api('GET', `/api/admin/clients?search=${encodeURIComponent(this.$('client-search').value.trim())}&take=50`);
    fill(this.$('clients'), el('tr', {}, ['Client', 'Type', 'Phones', 'Manager', 'Column', 'Credit limit', 'Status', ''].map(h => el('th', {}, h))),
      list.length === 0 ? el('tr', {}, el('td', { colspan: 8, class: 'muted' }, 'No client matches.')) : null,
      list.map(c => el('tr', { 'data-id': c.id, class: c.id === this.current?.id ? 'selected' : '' },
        el('td', {}, c.name, c.externalId ? el('div', { class: 'muted' }, c.externalId) : null), el('td', {}, c.type),
        el('td', {}, c.phones.join(', ')), el('td', {}, c.manager ?? '-'), el('td', { class: 'num' }, c.priceColumn),
        el('td', { class: 'num' }, money(c.creditLimit)),
        el('td', {}, c.status, c.doNotCall ? el('span', { class: 'badge' }, 'do not call') : null),
        el('td', {}, el('button', { type: 'button', class: 'secondary client-edit', onclick: () => this.edit(c) }, 'Edit')))));
  }

  edit(client) {
    this.current = client;
    clearErrors(this.root, this.$('client-banner'));
    const f = this.form.elements;
    this.$('client-editor-title').textContent = client ? `Client: ${client.name}` : 'New client';
    f.name.value = client?.name ?? '';
    f.type.value = client?.type ?? f.type.options[0]?.value ?? '';
    f.phones.value = (client?.phones ?? []).join('\n');
    f.manager.value = client?.manager ?? '';
    f.priceColumn.value = client?.priceColumn ?? 1;
    f.creditLimit.value = client?.creditLimit ?? 0;
    f.status.value = client?.status ?? 'active';
    f.doNotCall.checked = client?.doNotCall ?? false;
    f.receivers.value = (client?.receivers ?? []).join('\n');
    f.email.value = client?.email ?? '';
    f.notes.value = client?.notes ?? '';
    f.externalId.value = client?.externalId ?? '';
    this.$('client-editor').classList.remove('hidden');
    this.$('receivables-panel').classList.toggle('hidden', !client);
    if (client) this.loadReceivables();
  }

  close() {
    this.current = null;
    this.$('client-editor').classList.add('hidden');
    this.$('receivables-panel').classList.add('hidden');
  }

  async save() {
    const f = this.form.elements;
    const body = {
      name: f.name.value, type: f.type.value, phones: lines(f.phones.value), manager: f.manager.value.trim(),
      priceColumn: number(f.priceColumn), creditLimit: number(f.creditLimit), status: f.status.value, doNotCall: f.doNotCall.checked,
      receivers: lines(f.receivers.value), email: f.email.value, notes: f.notes.value, externalId: f.externalId.value.trim() || null,
    };
    clearErrors(this.root, this.$('client-banner'));
    try {
      const saved = this.current
        ? await api('PUT', `/api/admin/clients/${this.current.id}`, body)
        : await api('POST', '/api/admin/clients', body);
      this.edit(saved);
      banner(this.$('client-banner'), `Saved ${saved.name}.`, 'ok');
      await this.find();
    } catch (error) {
      showFieldErrors(this.$('client-editor'), this.$('client-banner'), error);
    }
  }

  async loadReceivables() {
    const list = await api('GET', `/api/admin/clients/${this.current.id}/receivables`);
    fill(this.$('receivables'), el('tr', {}, ['Invoice', 'Owed', 'Due', 'Paid', ''].map(h => el('th', {}, h))),
      list.length === 0 ? el('tr', {}, el('td', { colspan: 5, class: 'muted' }, 'No receivables.')) : null,
      list.map(r => el('tr', { 'data-id': r.id }, el('td', {}, r.documentNumber), el('td', { class: 'num' }, money(r.outstanding)), el('td', {}, r.dueDate),
        el('td', {}, r.paidOn ?? '-'),
        el('td', {}, r.paidOn ? null : el('button', { type: 'button', class: 'secondary', onclick: () => this.settle(r) }, 'Mark paid')))));
  }

  async addReceivable() {
    const f = this.$('receivable-form').elements;
    const panel = this.$('receivables-panel');
    clearErrors(panel, this.$('receivable-banner'));
    try {
      await api('POST', `/api/admin/clients/${this.current.id}/receivables`,
        { documentNumber: f.documentNumber.value, outstanding: number(f.outstanding), dueDate: f.dueDate.value || null });
      this.$('receivable-form').reset();
      await this.loadReceivables();
    } catch (error) {
      showFieldErrors(panel, this.$('receivable-banner'), error);
    }
  }

  async settle(r) {
    try {
      await api('PUT', `/api/admin/receivables/${r.id}`, { paid: true });
      await this.loadReceivables();
    } catch (error) {
      banner(this.$('receivable-banner'), error.message);
    }
  }
}

/** The client types tab (#tab-types). */
export class TypesPanel {
  constructor(root) {
    this.root = root;
    this.$ = id => root.querySelector('#' + id);
    this.$('type-form').addEventListener('submit', e => { e.preventDefault(); this.add(); });
  }

  async load() {
    const types = await api('GET', '/api/client-types');
    fill(this.$('types'), el('tr', {}, ['Code', 'Name', ''].map(h => el('th', {}, h))), types.map(t => {
      const name = el('input', { value: t.name, size: 24, 'aria-label': `Name of ${t.code}` });
      return el('tr', { 'data-code': t.code }, el('td', {}, t.code), el('td', {}, name),
        el('td', {}, el('button', { type: 'button', class: 'secondary', onclick: () => this.rename(t.code, name.value) }, 'Rename')));
    }));
  }

  async add() {
    const f = this.$('type-form').elements;
    await this.act(() => api('POST', '/api/admin/client-types', { code: f.code.value, name: f.name.value }), 'Type added.');
    if (!this.$('type-banner').classList.contains('error')) this.$('type-form').reset();
  }

  rename(code, name) {
    return this.act(() => api('PUT', `/api/admin/client-types/${encodeURIComponent(code)}`, { name }), `Type ${code} renamed.`);
  }

  async act(action, done) {
    clearErrors(this.root, this.$('type-banner'));
    try {
      await action();
      banner(this.$('type-banner'), done, 'ok');
      await this.load();
    } catch (error) {
      showFieldErrors(this.root, this.$('type-banner'), error);
    }
  }
}
