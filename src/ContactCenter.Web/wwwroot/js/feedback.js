// Complaints and wishes: record one for the client on the card (with the current call), list the recent ones;
// department heads judge complaints justified and resolve them.
import { api, banner, clearErrors, el, fill, showError, when } from './api.js';

/** How many recent items the list shows. */
const Shown = 10;

/**
 * The panel (#complaints-panel); isHead shows the review buttons. Heads list every department's items, others their own
 * department's, so the items recorded on this page are kept too (an operator's department receives none).
 */
export class FeedbackPanel {
  constructor(root, isHead) {
    this.root = root;
    this.isHead = isHead;
    this.client = null;
    this.callId = null;
    this.recorded = [];
    this.$ = id => root.querySelector('#' + id);
    this.$('fb-save').addEventListener('click', () => this.record());
    this.setClient(null, null);
  }

  /** The client on the card and the call in progress (or null): what a new item is recorded for. */
  setClient(client, callId) {
    this.client = client;
    this.callId = callId;
    this.$('fb-client').textContent = client ? `For ${client.name}${callId ? ' (on the current call)' : ''}` : 'Open or pop a client card to record one.';
    this.$('fb-save').disabled = !client;
  }

  async record() {
    if (!this.client) return;
    clearErrors(this.root, this.$('fb-banner'));
    try {
      const item = await api('POST', '/api/feedback', { clientId: this.client.id, callId: this.callId, kind: this.$('fb-kind').value,
        category: this.$('fb-category').value, text: this.$('fb-text').value.trim() });
      this.$('fb-text').value = '';
      this.recorded.unshift(item);
      banner(this.$('fb-banner'), `Recorded; passed to ${item.department ?? 'the department'}.`, 'ok');
      await this.load();
    } catch (error) {
      showError(this.root, this.$('fb-banner'), error);
    }
  }

  async review(item, change) {
    try {
      await api('PUT', `/api/feedback/${item.id}`, change);
      await this.load();
    } catch (error) {
      banner(this.$('fb-banner'), error.message);
    }
  }

  /** The recent items the user may see (heads: every department; others: their own). */
  async load() {
    try {
      if (this.$('fb-category').options.length === 0) {
        const categories = await api('GET', '/api/feedback/categories');
        fill(this.$('fb-category'), categories.map(c => el('option', { value: c.category, title: `goes to ${c.department}` }, c.category)));
      }
      const listed = await api('GET', '/api/feedback');
      const items = [...listed, ...this.recorded.filter(r => !listed.some(f => f.id === r.id))]
        .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt)).slice(0, Shown);
      fill(this.$('fb-list'), items.length === 0 ? el('p', { class: 'muted' }, 'None yet.') : el('table', {},
        el('tr', {}, el('th', {}, 'When'), el('th', {}, 'Client'), el('th', {}, 'What'), el('th', {}, 'Status'), this.isHead ? el('th', {}, '') : null),
        items.map(f => el('tr', { 'data-feedback-id': f.id },
          el('td', {}, when(f.createdAt)), el('td', {}, f.clientName),
          el('td', {}, el('span', { class: 'badge' }, f.kind), ` ${f.category} -> ${f.department ?? '-'}: ${f.text}`),
          el('td', { class: 'fb-status' }, f.status, f.justified === true ? ', justified' : f.justified === false ? ', not justified' : ''),
          this.isHead ? el('td', {}, this.actions(f)) : null))));
    } catch (error) {
      banner(this.$('fb-banner'), error.message);
    }
  }

  actions(f) {
    const button = (text, change, cls = 'secondary') => el('button', { type: 'button', class: cls, onclick: () => this.review(f, change) }, text);
    return [
      f.kind === 'complaint' && f.justified !== true ? button('Justified', { justified: true }) : null,
      f.kind === 'complaint' && f.justified !== false ? button('Not justified', { justified: false }) : null,
      f.status !== 'resolved' ? button('Resolve', { resolved: true }) : null,
    ];
  }
}
