// Products (find, edit, create) and price lists with each product's prices in the company-data page.
import { api, banner, clearErrors, el, fill } from './api.js';
import { lines, number, showFieldErrors } from './data-form.js';

/** The products tab (#tab-products). */
export class ProductsPanel {
  constructor(root) {
    this.root = root;
    this.$ = id => root.querySelector('#' + id);
    this.form = this.$('product-form');
    this.current = null;
    this.$('product-search-form').addEventListener('submit', e => { e.preventDefault(); this.find(); });
    this.$('product-new').addEventListener('click', () => this.edit(null));
    this.$('product-cancel').addEventListener('click', () => this.$('product-editor').classList.add('hidden'));
    this.form.addEventListener('submit', e => { e.preventDefault(); this.save(); });
  }

  async load() {
    this.types = await api('GET', '/api/client-types');
    await this.find();
  }

  async find() {
    const list = await api('GET', `/api/admin/products?search=${encodeURIComponent(this.$('product-search').value.trim())}&take=100`);
    fill(this.$('products'), el('tr', {}, ['SKU', 'Name', 'Unit', 'Traditional for', 'Certificates', ''].map(h => el('th', {}, h))),
      list.length === 0 ? el('tr', {}, el('td', { colspan: 6, class: 'muted' }, 'No product matches.')) : null,
      list.map(p => el('tr', { 'data-sku': p.sku, class: p.isActive ? '' : 'muted' },
        el('td', {}, p.sku), el('td', {}, p.name, p.isNew ? el('span', { class: 'badge new' }, 'new') : null, p.isActive ? null : ' (not sold)'),
        el('td', {}, p.unit), el('td', {}, p.traditionalFor.join(', ')),
        el('td', {}, p.certificates.map(c => `${c.number} (until ${c.validUntil})`).join(', ')),
        el('td', {}, el('button', { type: 'button', class: 'secondary product-edit', onclick: () => this.edit(p) }, 'Edit')))));
  }

  edit(product) {
    this.current = product;
    clearErrors(this.root, this.$('product-banner'));
    const f = this.form.elements;
    this.$('product-editor-title').textContent = product ? `Product: ${product.sku}` : 'New product';
    f.sku.value = product?.sku ?? '';
    f.name.value = product?.name ?? '';
    f.unit.value = product?.unit ?? 'pcs';
    f.isNew.checked = product?.isNew ?? true;
    f.isActive.checked = product?.isActive ?? true;
    f.certificates.value = (product?.certificates ?? []).map(c => [c.number, c.validUntil, c.documentUrl].filter(x => x).join('@')).join('\n');
    fill(this.$('product-types'), this.types.map(t => el('label', { class: 'check' },
      el('input', { type: 'checkbox', name: 'traditionalFor', value: t.code, checked: product?.traditionalFor.includes(t.code) }), ' ', t.name)));
    this.$('product-editor').classList.remove('hidden');
  }

  async save() {
    const f = this.form.elements;
    const body = {
      sku: f.sku.value, name: f.name.value, unit: f.unit.value, isNew: f.isNew.checked, isActive: f.isActive.checked,
      traditionalFor: [...this.form.querySelectorAll('input[name=traditionalFor]:checked')].map(i => i.value),
      certificates: f.certificates.value.split(/\r?\n/).map(s => s.trim()).filter(s => s).map(line => {
        const [certNumber, validUntil, documentUrl] = line.split('@').map(s => s.trim());
        return { number: certNumber, validUntil: /^\d{4}-\d{2}-\d{2}$/.test(validUntil ?? '') ? validUntil : null, documentUrl: documentUrl || null };
      }),
    };
    clearErrors(this.root, this.$('product-banner'));
    try {
      const saved = this.current
        ? await api('PUT', `/api/admin/products/${encodeURIComponent(this.current.sku)}`, body)
        : await api('POST', '/api/admin/products', body);
      this.edit(saved);
      banner(this.$('product-banner'), `Saved ${saved.sku}.`, 'ok');
      await this.find();
    } catch (error) {
      showFieldErrors(this.$('product-editor'), this.$('product-banner'), error);
    }
  }
}

/** The prices tab (#tab-prices): a list's columns and each product's price per column. */
export class PricesPanel {
  constructor(root) {
    this.root = root;
    this.$ = id => root.querySelector('#' + id);
    this.$('price-list').addEventListener('change', () => this.showList());
    this.$('price-search-form').addEventListener('submit', e => { e.preventDefault(); this.showList(); });
    this.$('price-list-form').addEventListener('submit', e => { e.preventDefault(); this.addList(); });
  }

  async load() {
    const chosen = this.$('price-list').value;
    this.lists = await api('GET', '/api/admin/price-lists');
    fill(this.$('price-list'), this.lists.map(l => el('option', { value: l.id }, l.name + (l.inForce ? ' (in force)' : ''))));
    if (chosen && this.lists.some(l => l.id === chosen)) this.$('price-list').value = chosen;
    await this.showList();
  }

  async showList() {
    const list = this.lists.find(l => l.id === this.$('price-list').value);
    if (!list) {
      fill(this.$('prices'), el('tr', {}, el('td', { class: 'muted' }, 'No price list yet: add one below.')));
      return;
    }
    this.$('price-list-info').textContent =
      `valid from ${list.validFrom}${list.isActive ? '' : ', not active'}${list.inForce ? ', in force today' : ''}; ${list.prices} prices`;
    const rows = await api('GET', `/api/admin/price-lists/${list.id}/prices?search=${encodeURIComponent(this.$('price-search').value.trim())}&take=100`);
    fill(this.$('prices'), el('tr', {}, el('th', {}, 'SKU'), el('th', {}, 'Name'), el('th', {}, 'Unit'),
      list.columns.map((c, i) => el('th', { class: 'num' }, `${i + 1}. ${c}`)), el('th', {}, '')),
    rows.map(r => {
      const inputs = list.columns.map((c, i) => el('input', {
        type: 'number', min: 0, step: '0.01', value: r.prices[i] ?? '', 'aria-label': `${r.sku} price in column ${i + 1}`,
      }));
      return el('tr', { 'data-sku': r.sku }, el('td', {}, r.sku), el('td', {}, r.name), el('td', {}, r.unit),
        inputs.map(i => el('td', { class: 'num' }, i)),
        el('td', {}, el('button', { type: 'button', class: 'secondary price-save', onclick: () => this.savePrices(list, r.sku, inputs) }, 'Save')));
    }));
  }

  async savePrices(list, sku, inputs) {
    try {
      await api('PUT', `/api/admin/price-lists/${list.id}/prices/${encodeURIComponent(sku)}`, { prices: inputs.map(number) });
      banner(this.$('price-banner'), `Prices of ${sku} saved.`, 'ok');
    } catch (error) {
      banner(this.$('price-banner'), error.message);
    }
  }

  async addList() {
    const f = this.$('price-list-form').elements;
    clearErrors(this.root, this.$('price-banner'));
    try {
      const made = await api('POST', '/api/admin/price-lists', { name: f.name.value, validFrom: f.validFrom.value || null, isActive: true, columns: lines(f.columns.value) });
      this.$('price-list-form').reset();
      await this.load();
      this.$('price-list').value = made.id;
      await this.showList();
      banner(this.$('price-banner'), `Price list ${made.name} added.`, 'ok');
    } catch (error) {
      showFieldErrors(this.root, this.$('price-banner'), error);
    }
  }
}
