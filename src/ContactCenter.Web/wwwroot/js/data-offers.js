// Promotions and discount programs, and reference documents (delivery terms, certificates, product sheets with their
// files), kept in the company-data page.
import { api, banner, clearErrors, el, fill, when } from './api.js';
import { promotionBenefit } from './card.js';
import { lines, number, showFieldErrors } from './data-form.js';

/** The promotions tab (#tab-promotions). */
export class PromotionsPanel {
  constructor(root) {
    this.root = root;
    this.$ = id => root.querySelector('#' + id);
    this.form = this.$('promotion-form');
    this.current = null;
    this.$('promotion-new').addEventListener('click', () => this.edit(null));
    this.$('promotion-cancel').addEventListener('click', () => this.$('promotion-editor').classList.add('hidden'));
    this.form.addEventListener('submit', e => { e.preventDefault(); this.save(); });
  }

  async load() {
    this.types = await api('GET', '/api/client-types');
    const list = await api('GET', '/api/promotions');
    fill(this.$('promotions'), el('tr', {}, ['Promotion', 'Period', 'Gives', 'Client types', ''].map(h => el('th', {}, h))),
      list.length === 0 ? el('tr', {}, el('td', { colspan: 5, class: 'muted' }, 'No promotions yet.')) : null,
      list.map(p => el('tr', { 'data-promotion': p.name, class: p.inForce ? '' : 'muted' },
        el('td', {}, p.name, p.inForce ? el('span', { class: 'badge new' }, 'in force') : null, p.isActive ? null : ' (stopped)'),
        el('td', {}, `${p.startsOn} - ${p.endsOn}`), el('td', {}, promotionBenefit(p)),
        el('td', {}, p.clientTypes.length ? p.clientTypes.join(', ') : 'all'),
        el('td', {}, el('button', { type: 'button', class: 'secondary', onclick: () => this.edit(p) }, 'Edit')))));
  }

  edit(promotion) {
    this.current = promotion;
    clearErrors(this.root, this.$('promotion-banner'));
    const f = this.form.elements;
    this.$('promotion-editor-title').textContent = promotion ? `Promotion: ${promotion.name}` : 'New promotion';
    f.name.value = promotion?.name ?? '';
    f.description.value = promotion?.description ?? '';
    f.startsOn.value = promotion?.startsOn ?? '';
    f.endsOn.value = promotion?.endsOn ?? '';
    f.discountPercent.value = promotion?.discountPercent ?? '';
    f.bonusSku.value = promotion?.bonusSku ?? '';
    f.bonusQuantity.value = promotion?.bonusQuantity ?? '';
    f.products.value = (promotion?.products ?? []).join('\n');
    f.isActive.checked = promotion?.isActive ?? true;
    fill(this.$('promotion-types'), this.types.map(t => el('label', { class: 'check' },
      el('input', { type: 'checkbox', name: 'clientTypes', value: t.code, checked: promotion?.clientTypes.includes(t.code) }), ' ', t.name)));
    this.$('promotion-editor').classList.remove('hidden');
  }

  async save() {
    const f = this.form.elements;
    const body = {
      name: f.name.value, description: f.description.value, startsOn: f.startsOn.value || null, endsOn: f.endsOn.value || null,
      // On a change an empty field takes the discount or the bonus away.
      discountPercent: number(f.discountPercent) ?? (this.current ? 0 : null), bonusSku: f.bonusSku.value.trim() || (this.current ? '' : null),
      bonusQuantity: number(f.bonusQuantity), products: lines(f.products.value),
      clientTypes: [...this.form.querySelectorAll('input[name=clientTypes]:checked')].map(i => i.value), isActive: f.isActive.checked,
    };
    clearErrors(this.root, this.$('promotion-banner'));
    try {
      const saved = this.current ? await api('PUT', `/api/promotions/${this.current.id}`, body) : await api('POST', '/api/promotions', body);
      this.edit(saved);
      banner(this.$('promotion-banner'), `Saved ${saved.name}.`, 'ok');
      await this.load();
    } catch (error) {
      showFieldErrors(this.$('promotion-editor'), this.$('promotion-banner'), error);
    }
  }
}

/** The documents tab (#tab-documents): reference texts and files operators find and e-mail from the desk. */
export class DocumentsPanel {
  constructor(root) {
    this.root = root;
    this.$ = id => root.querySelector('#' + id);
    this.form = this.$('document-form');
    this.current = null;
    this.$('document-search-form').addEventListener('submit', e => { e.preventDefault(); this.load(); });
    this.$('document-new').addEventListener('click', () => this.edit(null));
    this.$('document-cancel').addEventListener('click', () => this.$('document-editor').classList.add('hidden'));
    this.form.addEventListener('submit', e => { e.preventDefault(); this.save(); });
  }

  async load() {
    const list = await api('GET', `/api/admin/reference?search=${encodeURIComponent(this.$('document-search').value.trim())}`);
    fill(this.$('documents'), el('tr', {}, ['Title', 'Kind', 'Product', 'File', 'Changed', ''].map(h => el('th', {}, h))),
      list.length === 0 ? el('tr', {}, el('td', { colspan: 6, class: 'muted' }, 'No documents match.')) : null,
      list.map(d => el('tr', { 'data-title': d.title, class: d.isActive ? '' : 'muted' },
        el('td', {}, d.title, d.isActive ? null : ' (withdrawn)'), el('td', {}, d.kind), el('td', {}, d.sku ?? ''),
        el('td', {}, d.fileName ? `${d.fileName} (${Math.ceil(d.fileSize / 1024)} KiB)` : '-'), el('td', {}, when(d.updatedAt)),
        el('td', {}, el('button', { type: 'button', class: 'secondary', onclick: () => this.edit(d) }, 'Edit')))));
  }

  edit(document) {
    this.current = document;
    clearErrors(this.root, this.$('document-banner'));
    const f = this.form.elements;
    this.$('document-editor-title').textContent = document ? `Document: ${document.title}` : 'New document';
    f.title.value = document?.title ?? '';
    f.kind.value = document?.kind ?? 'certificate';
    f.body.value = document?.body ?? '';
    f.sku.value = document?.sku ?? '';
    f.isActive.checked = document?.isActive ?? true;
    f.file.value = '';
    this.$('document-editor').classList.remove('hidden');
  }

  /** Saves the fields, then the chosen file (checked by the server: type by content, size). */
  async save() {
    const f = this.form.elements;
    const body = { title: f.title.value, kind: f.kind.value, body: f.body.value, sku: f.sku.value.trim(), isActive: f.isActive.checked };
    clearErrors(this.root, this.$('document-banner'));
    try {
      let saved = this.current ? await api('PUT', `/api/admin/reference/${this.current.id}`, body) : await api('POST', '/api/admin/reference', body);
      this.current = saved;
      const file = f.file.files[0];
      if (file) {
        saved = await api('PUT', `/api/admin/reference/${saved.id}/file?name=${encodeURIComponent(file.name)}`, await file.arrayBuffer(),
          { raw: true, contentType: 'application/octet-stream' });
      }
      this.edit(saved);
      banner(this.$('document-banner'), `Saved ${saved.title}${saved.fileName ? ` with ${saved.fileName}` : ''}.`, 'ok');
      await this.load();
    } catch (error) {
      showFieldErrors(this.$('document-editor'), this.$('document-banner'), error);
    }
  }
}
