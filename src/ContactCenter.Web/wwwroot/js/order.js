// Order entry on the desk: lines priced from the client's card, the upsell offer with the client's answers,
// delivery and receivers, regional fields; saved through /api/orders and accepted (errors next to the fields).
import { api, banner, clearErrors, el, fill, money, showError } from './api.js';
import { productsOf } from './card.js';

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
        el('span', { class: 'muted', id: 'order-total' })));
    this.renderLines();
  }

  renderLines() {
    const table = this.node.querySelector('#order-lines');
    fill(table, el('tr', {}, el('th', {}, 'Product'), el('th', {}, 'Quantity'), el('th', {}, 'Price'), el('th', {}, 'Total'), el('th', {})),
      this.lines.map((l, i) => el('tr', {},
        el('td', {}, `${l.sku} - ${l.name}`),
        el('td', {}, el('input', { type: 'number', min: '0.001', step: 'any', value: l.quantity, 'aria-label': `Quantity of ${l.sku}`,
          onchange: e => { l.quantity = Number(e.target.value); this.renderLines(); } })),
        el('td', {}, money(l.price)), el('td', {}, money(l.price * l.quantity)),
        el('td', {}, el('button', { type: 'button', class: 'secondary', onclick: () => { this.lines.splice(i, 1); this.renderLines(); } }, 'remove')))));
    const total = this.lines.reduce((s, l) => s + l.price * l.quantity, 0);
    this.node.querySelector('#order-total').textContent = this.lines.length ? `total ${money(total)}` : '';
  }

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
      await api('PUT', `/api/orders/${this.orderId}/lines`, { lines: this.lines.map(l => ({ productId: l.productId, quantity: l.quantity })) });
      const answers = this.upsellAnswers();
      if (answers.length > 0) await api('PUT', `/api/orders/${this.orderId}/upsell`, { offers: answers });
      await api('PUT', `/api/orders/${this.orderId}/delivery`, this.delivery());
      const order = await api('POST', `/api/orders/${this.orderId}/accept`);
      this.statusNode.textContent = `No. ${order.number}, ${order.status.toLowerCase()}`;
      this.lines = order.lines.map(l => ({ productId: l.productId, sku: l.sku, name: l.name, unit: l.unit, price: l.unitPrice, quantity: l.quantity }));
      this.renderLines();
      const accepted = order.upsellOffers.filter(u => u.accepted).length;
      banner(bannerNode, `Order ${order.number} accepted: ${order.lines.length} products, total ${money(order.total)}; `
        + `upsell: ${order.upsellOffers.length} offered, ${accepted} taken.`, 'ok');
    } catch (error) {
      if (error.status === 409) banner(bannerNode, error.message, 'error'); else showError(this.node, bannerNode, error);
    } finally {
      button.disabled = false;
    }
  }
}
