// Reference information and documents on the desk: search delivery terms, certificates, product sheets (admins upload
// them); open a file; e-mail the chosen documents and/or the accepted order's confirmation to the client on the card,
// then follow the e-mail until the SMTP server took it (or why not yet: it is retried, and the sender is notified if it
// finally fails).
import { api, banner, clearErrors, el, fill, showError, when } from './api.js';

/** The panel (#reference-panel); acceptedOrder() gives the id of the accepted order on the order form, or null. */
export class ReferencePanel {
  constructor(root, acceptedOrder) {
    this.root = root;
    this.acceptedOrder = acceptedOrder;
    this.client = null;
    this.callId = null;
    this.$ = id => root.querySelector('#' + id);
    this.$('ref-find').addEventListener('click', () => this.search());
    this.$('ref-search').addEventListener('keydown', e => { if (e.key === 'Enter') this.search(); });
    this.$('ref-send').addEventListener('click', () => this.send());
    this.setClient(null, null);
  }

  /** The client on the card and the call in progress (or null): where e-mails go and what they are recorded on. */
  setClient(card, callId) {
    this.client = card;
    this.callId = callId;
    this.$('ref-client').textContent = card ? `E-mail to ${card.name}${callId ? ' (recorded on the current call)' : ''}` : 'Open a client card to e-mail documents.';
    this.$('ref-send').disabled = !card;
    this.renderSent(card?.recentEmails ?? []);
  }

  async search() {
    const text = this.$('ref-search').value.trim();
    const found = await api('GET', `/api/reference?search=${encodeURIComponent(text)}&take=20`);
    fill(this.$('ref-results'), found.length === 0 ? el('p', { class: 'muted' }, `Nothing matches "${text}".`) : el('table', { id: 'ref-table' },
      found.map(d => el('tr', { 'data-title': d.title },
        el('td', {}, el('input', { type: 'checkbox', class: 'ref-pick', value: d.id, 'aria-label': `Send ${d.title}` })),
        el('td', {}, el('strong', {}, d.title), ' ', el('span', { class: 'badge' }, d.kind), d.sku ? ` ${d.sku}` : null,
          d.body ? el('div', { class: 'muted' }, d.body) : null),
        el('td', {}, d.fileName ? el('a', { href: `/api/reference/${d.id}/file`, target: '_blank', rel: 'noopener' }, d.fileName) : null)))));
  }

  async send() {
    if (!this.client) return;
    const bannerNode = this.$('ref-banner');
    clearErrors(this.root, bannerNode);
    const orderId = this.$('ref-order').checked ? this.acceptedOrder() : null;
    if (this.$('ref-order').checked && !orderId) { banner(bannerNode, 'Accept the order first: only an accepted order is confirmed.', 'error'); return; }
    try {
      const email = await api('POST', '/api/emails', {
        clientId: this.client.id, callId: this.callId, orderId,
        documentIds: [...this.root.querySelectorAll('.ref-pick:checked')].map(c => c.value), to: this.$('ref-to').value.trim() || null,
      });
      banner(bannerNode, `E-mail to ${email.to} queued.`, 'info');
      this.follow(email.id);
    } catch (error) {
      if (error.status === 409) banner(bannerNode, error.message, 'error'); else showError(this.root, bannerNode, error);
    }
  }

  /** Polls the e-mail for up to a minute and says where it is. */
  async follow(id) {
    const bannerNode = this.$('ref-banner');
    for (let i = 0; i < 60; i++) {
      const email = await api('GET', `/api/emails/${id}`);
      if (email.status === 'Sent') { banner(bannerNode, `E-mail to ${email.to} sent.`, 'ok'); return this.refresh(); }
      if (email.status === 'Failed') { banner(bannerNode, `E-mail to ${email.to} failed: ${email.lastError}`, 'error'); return this.refresh(); }
      if (email.attempts > 0) banner(bannerNode, `Not sent yet (${email.lastError}); next attempt ${when(email.nextAttemptAt)}. It is kept and retried.`, 'error');
      await new Promise(resolve => setTimeout(resolve, 1000));
    }
    return this.refresh();
  }

  async refresh() {
    if (this.client) this.renderSent(await api('GET', `/api/emails?clientId=${this.client.id}`));
  }

  renderSent(emails) {
    fill(this.$('ref-sent'), emails.length === 0 ? null : el('table', { id: 'ref-emails' },
      emails.slice(0, 5).map(e => el('tr', {}, el('td', {}, when(e.createdAt)), el('td', {}, e.to), el('td', {}, e.subject),
        el('td', {}, e.documents.join(', ')), el('td', {}, el('span', { class: 'badge' }, e.status.toLowerCase()))))));
  }
}
