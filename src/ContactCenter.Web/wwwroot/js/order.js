// Order entry on the desk: lines priced from the client's card or found in the catalog (by SKU or name, in the client's
// price column), the upsell offer with the client's answers, the promotions in force (discount and bonus lines), delivery and receivers, regional fields; saved through
// /api/orders and accepted (errors next to the fields), the credit headroom left after this order; an accepted order
// corrected or cancelled with a reason.
import { api, banner, clearErrors, el, fill, money, showError } from './api.js';
import { productsOf, promotionBenefit } from './card.js';

const Regional = 'regional';

/** The order form of one client's card; callId links the order to the call it was taken on. */
export class OrderForm {
  constructor(node, statusNode) {
    this.node = node;
    this.statusNode = statusNode;
  }

  /** Starts a new order for the client on the card. */
  open(card, callId) {
    this.card = card;
    this.callId = callId ?? null;
    this.orderId = null;
    this.status = null;
    this.lines = [];
    this.products = productsOf(card);
    this.statusNode.textContent = 'draft, not saved';
    this.render();
  }

  render() {
    const card = this.card;
    const field = (label, id, name, attrs = {}) => el('label', {}, label, ' ', el('input', { id, name, ...attrs }),
      el('div', { class: 'field-error', 'data-error-for': name }));
    const regional = card.typeCode === Regional;
    fill(this.node,
      el('h3', {}, 'Products'),
      el('div', { class: 'row' },
        el('input', { id: 'catalog-search', type: 'search', placeholder: 'find in the catalog: SKU or name', size: 30, 'aria-label': 'Find a product',
          oninput: () => this.searchSoon() }),
        el('span', { class: 'muted' }, `prices of column ${card.priceColumn ?? ''}`)),
      el('table', { id: 'catalog-results' }),
      el('table', { id: 'order-lines' }),
      el('div', { class: 'field-error', 'data-error-for': 'lines' }),
      el('div', { class: 'row' },
        el('select', { id: 'line-product', 'aria-label': 'Product' },
          this.products.map(p => el('option', { value: p.productId }, `${p.sku} - ${p.name} (${money(p.price)} / ${p.unit})`))),
        el('input', { id: 'line-qty', type: 'number', min: '0.001', step: 'any', value: '10', 'aria-label': 'Quantity', style: 'width:6rem' }),
        el('button', { type: 'button', id: 'add-line', class: 'secondary', title: 'Alt+N', onclick: () => this.addLine() }, 'Add line')),
      el('h3', {}, 'Upsell offer (offer 3 or 4 products and record each answer)'),
      el('table', { id: 'upsell' },
        el('tr', {}, el('th', {}, 'Product'), el('th', {}, 'Price'), el('th', {}, "Client's answer"), el('th', {}, 'Quantity')),
        card.upsellSuggestions.map((p, i) => el('tr', {},
          el('td', {}, `${p.sku} - ${p.name}`), el('td', {}, money(p.price)),
          el('td', {}, el('select', { id: `upsell-answer-${i}`, 'data-product': p.productId, 'aria-label': `Answer for ${p.sku}` },
            el('option', { value: '' }, 'not asked'), el('option', { value: 'yes' }, 'takes it'), el('option', { value: 'no' }, 'declines'))),
          el('td', {}, el('input', { id: `upsell-qty-${i}`, type: 'number', min: '0.001', step: 'any', value: '1', style: 'width:5rem' }))))),
      el('div', { class: 'field-error', 'data-error-for': 'upsellOffers' }),
      el('div', { class: 'field-error', 'data-error-for': 'offers' }),
      el('h3', {}, 'Promotions (offer each and record the answer)'),
      (card.promotions ?? []).length === 0 ? el('p', { class: 'muted' }, 'none in force for this client') : el('table', { id: 'order-promotions' },
        card.promotions.map((p, i) => el('tr', {},
          el('td', {}, p.name), el('td', {}, promotionBenefit(p)),
          el('td', {}, el('select', { id: `promotion-answer-${i}`, 'data-promotion': p.id, 'aria-label': `Answer for ${p.name}` },
            el('option', { value: '' }, 'not offered'), el('option', { value: 'yes' }, 'takes it'), el('option', { value: 'no' }, 'declines')))))),
      el('h3', {}, 'Delivery'),
      el('div', { class: 'row' },
        field('Date', 'delivery-date', 'deliveryDate', { type: 'date' }),
        field('Time window', 'delivery-window', 'deliveryWindow', { placeholder: '09:00-13:00', size: 10 })),
      el('div', { class: 'row' },
        field('Receives goods', 'receiver-name', 'receiverName', { size: 16 }),
        field('Pays', 'payer-name', 'payerName', { size: 16 }),
        field('Signs documents', 'signer-name', 'signerName', { size: 16 })),
      regional ? el('fieldset', { id: 'regional' }, el('legend', {}, 'Regional client'),
        field('Form of payment', 'payment-form', 'paymentForm', { placeholder: 'bank transfer', size: 16 }),
        field('Arrives to collect at', 'pickup-at', 'pickupArrivalAt', { type: 'datetime-local' }),
        el('label', {}, 'or shipping details', el('textarea', { id: 'shipping-details', name: 'shippingDetails', rows: 2 }),
          el('div', { class: 'field-error', 'data-error-for': 'shippingDetails' }))) : null,
      el('div', { id: 'order-banner', class: 'hidden', role: 'alert' }),
      el('div', { class: 'row' },
        el('button', { type: 'button', id: 'accept-order', title: 'Ctrl+Enter', onclick: () => this.accept() }, 'Save and accept order'),
        el('span', { class: 'muted', id: 'order-total' }), el('span', { id: 'order-headroom' })),
      el('div', { id: 'order-amend', class: 'row hidden' },
        el('input', { id: 'amend-reason', size: 30, placeholder: 'why (the client called back, ...)', 'aria-label': 'Reason for the change' }),
        el('button', { type: 'button', id: 'correct-order', class: 'secondary', onclick: () => this.amend('correction') }, 'Save correction'),
        el('button', { type: 'button', id: 'cancel-order', class: 'danger', onclick: () => this.amend('cancel') }, 'Cancel order')),
      el('div', { class: 'field-error', 'data-error-for': 'reason' }));
    this.renderLines();
  }

  /** Searches the catalog a moment after the operator stops typing. */
  searchSoon() {
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => this.search(), 250);
  }

  async search() {
    const text = this.node.querySelector('#catalog-search').value.trim();
    const table = this.node.querySelector('#catalog-results');
    if (!text) { fill(table); return; }
    const found = await api('GET', `/api/clients/${this.card.id}/catalog?search=${encodeURIComponent(text)}&take=10`);
    fill(table, found.length === 0 ? el('tr', {}, el('td', { class: 'muted' }, `Nothing in the catalog matches "${text}".`)) : null,
      found.map(p => el('tr', { 'data-sku': p.sku },
        el('td', {}, p.sku), el('td', {}, p.name, p.isNew ? el('span', { class: 'badge new' }, 'new') : null,
          p.isTraditional ? el('span', { class: 'badge' }, 'traditional') : null),
        el('td', { class: 'num' }, p.price === null ? 'no price' : `${money(p.price)} / ${p.unit}`),
        el('td', {}, el('button', { type: 'button', class: 'secondary catalog-add', disabled: p.price === null,
          onclick: () => this.addProduct({ productId: p.productId, sku: p.sku, name: p.name, unit: p.unit, price: p.price }) }, 'Add')))));
  }

  /** Adds a product found in the catalog with the quantity in the line field. */
  addProduct(product) {
    if (!this.products.some(p => p.productId === product.productId)) this.products.push(product);
    const quantity = Number(this.node.querySelector('#line-qty').value);
    if (!(quantity > 0)) return;
    const existing = this.lines.find(l => l.productId === product.productId);
    if (existing) existing.quantity += quantity; else this.lines.push({ ...product, quantity });
    this.renderLines();
  }

  renderLines() {
    const table = this.node.querySelector('#order-lines');
    // Bonus items and discounts come from the server (the promotions the client took); bonus lines are not edited here.
    fill(table, el('tr', {}, el('th', {}, 'Product'), el('th', {}, 'Quantity'), el('th', {}, 'Price'), el('th', {}, 'Total'), el('th', {})),
      this.lines.map((l, i) => el('tr', { class: l.isBonus ? 'bonus-line' : l.discountPercent ? 'discount-line' : null },
        el('td', {}, `${l.sku} - ${l.name}`, l.isBonus ? el('span', { class: 'badge new' }, `bonus: ${l.promotion}`) : null,
          l.discountPercent ? el('span', { class: 'badge' }, `-${l.discountPercent}% ${l.promotion}`) : null),
        el('td', {}, l.isBonus ? String(l.quantity) : el('input', { type: 'number', min: '0.001', step: 'any', value: l.quantity, 'aria-label': `Quantity of ${l.sku}`,
          onchange: e => { l.quantity = Number(e.target.value); this.renderLines(); } })),
        el('td', {}, l.discountPercent ? [el('s', { class: 'muted' }, money(l.listPrice)), ' ', money(l.price)] : money(l.price)),
        el('td', {}, money(l.price * l.quantity)),
        el('td', {}, l.isBonus ? null : el('button', { type: 'button', class: 'secondary', onclick: () => { this.lines.splice(i, 1); this.renderLines(); } }, 'remove')))));
    const total = this.lines.reduce((s, l) => s + l.price * l.quantity, 0);
    this.node.querySelector('#order-total').textContent = this.lines.length ? `total ${money(total)}` : '';
    // The card's headroom counts receivables and open orders (an accepted order of this card among them).
    const headroom = this.card.debt?.headroom;
    const left = headroom === undefined || headroom === null ? null : headroom - (this.status === 'Accepted' ? 0 : total);
    const node = this.node.querySelector('#order-headroom');
    node.textContent = left === null || this.status ? '' : `credit headroom after this order: ${money(left)}`;
    node.className = left !== null && left < 0 ? 'field-error' : 'muted';
  }

  /** The id of the order on the form once accepted (what a confirmation e-mail confirms), or null. */
  acceptedOrderId() { return this.status === 'Accepted' ? this.orderId : null; }

  /** Adds the chosen product (Alt+N), or adds to its quantity when it is already on the order. */
  addLine() {
    const id = this.node.querySelector('#line-product').value;
    const quantity = Number(this.node.querySelector('#line-qty').value);
    const product = this.products.find(p => p.productId === id);
    if (!product || !(quantity > 0)) return;
    const existing = this.lines.find(l => l.productId === id);
    if (existing) existing.quantity += quantity; else this.lines.push({ ...product, quantity });
    this.renderLines();
  }

  value(id) { return this.node.querySelector('#' + id)?.value?.trim() || null; }

  delivery() {
    const pickup = this.value('pickup-at');
    return {
      deliveryDate: this.value('delivery-date'), deliveryWindow: this.value('delivery-window'),
      receiverName: this.value('receiver-name'), payerName: this.value('payer-name'), signerName: this.value('signer-name'),
      paymentForm: this.value('payment-form'), pickupArrivalAt: pickup ? new Date(pickup).toISOString() : null,
      shippingDetails: this.value('shipping-details'),
    };
  }

  upsellAnswers() {
    return [...this.node.querySelectorAll('select[id^="upsell-answer-"]')].filter(s => s.value).map(s => ({
      productId: s.dataset.product, accepted: s.value === 'yes',
      quantity: s.value === 'yes' ? Number(this.node.querySelector('#' + s.id.replace('answer', 'qty')).value) : null,
    }));
  }

  promotionAnswers() {
    return [...this.node.querySelectorAll('select[id^="promotion-answer-"]')].filter(s => s.value)
      .map(s => ({ promotionId: s.dataset.promotion, accepted: s.value === 'yes' }));
  }

  /** The lines the operator ordered (bonus items follow from the promotions). */
  ordered() { return this.lines.filter(l => !l.isBonus).map(l => ({ productId: l.productId, quantity: l.quantity })); }

  /** Saves the draft (lines, upsell answers, delivery) and accepts it (Ctrl+Enter); API errors go next to their fields. */
  async accept() {
    const bannerNode = this.node.querySelector('#order-banner');
    const button = this.node.querySelector('#accept-order');
    clearErrors(this.node, bannerNode);
    button.disabled = true;
    try {
      if (!this.orderId) {
        const created = await api('POST', '/api/orders', { clientId: this.card.id, callId: this.callId });
        this.orderId = created.id;
        this.statusNode.textContent = `No. ${created.number}, draft`;
      }
      await api('PUT', `/api/orders/${this.orderId}/lines`, { lines: this.ordered() });
      const answers = this.upsellAnswers();
      if (answers.length > 0) await api('PUT', `/api/orders/${this.orderId}/upsell`, { offers: answers });
      if ((this.card.promotions ?? []).length > 0) await api('PUT', `/api/orders/${this.orderId}/promotions`, { offers: this.promotionAnswers() });
      await api('PUT', `/api/orders/${this.orderId}/delivery`, this.delivery());
      const order = await api('POST', `/api/orders/${this.orderId}/accept`);
      this.show(order);
      const accepted = order.upsellOffers.filter(u => u.accepted).length;
      const promotions = order.promotions.filter(p => p.accepted).map(p => p.name);
      banner(bannerNode, `Order ${order.number} accepted: ${order.lines.length} products, total ${money(order.total)}; `
        + `upsell: ${order.upsellOffers.length} offered, ${accepted} taken`
        + (promotions.length ? `; promotions: ${promotions.join(', ')}.` : '.'), 'ok');
    } catch (error) {
      if (error.status === 409) banner(bannerNode, error.message, 'error'); else showError(this.node, bannerNode, error);
    } finally {
      button.disabled = false;
    }
  }

  /** Shows a saved order's status and lines; an accepted order can then be corrected or cancelled. */
  show(order) {
    this.status = order.status;
    this.statusNode.textContent = `No. ${order.number}, ${order.status.toLowerCase()}`;
    this.lines = order.lines.map(l => ({
      productId: l.productId, sku: l.sku, name: l.name, unit: l.unit, price: l.unitPrice, quantity: l.quantity,
      listPrice: l.listPrice, discountPercent: l.discountPercent, isBonus: l.isBonus, promotion: l.promotion,
    }));
    this.renderLines();
    this.node.querySelector('#accept-order').classList.toggle('hidden', order.status !== 'Draft');
    this.node.querySelector('#order-amend').classList.toggle('hidden', order.status !== 'Accepted');
  }

  /** Sends the correction (the lines as they are now) or the cancellation, with the reason typed. */
  async amend(kind) {
    const bannerNode = this.node.querySelector('#order-banner');
    clearErrors(this.node, bannerNode);
    const reason = this.node.querySelector('#amend-reason').value;
    try {
      const order = kind === 'cancel'
        ? await api('POST', `/api/orders/${this.orderId}/cancel`, { reason })
        : await api('PUT', `/api/orders/${this.orderId}/correction`,
          { reason, lines: this.ordered() });
      this.show(order);
      banner(bannerNode, kind === 'cancel' ? `Order ${order.number} cancelled.` : `Order ${order.number} corrected: total ${money(order.total)}.`, 'ok');
    } catch (error) {
      if (error.status === 409 || error.status === 403) banner(bannerNode, error.message, 'error'); else showError(this.node, bannerNode, error);
    }
  }
}
