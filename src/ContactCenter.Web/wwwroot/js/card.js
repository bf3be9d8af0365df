// The client card (screen-pop): who is calling, their debt, last orders, products to point out.
import { el, fill, money } from './api.js';

/** Renders the card (GET /api/clients/.../card) into node; onDial(number) places a click-to-call. */
export function renderCard(node, card, onDial) {
  const debt = card.debt;
  fill(node,
    el('h3', { id: 'card-name', 'data-client-id': card.id }, card.name),
    el('p', {},
      el('span', { class: 'badge', id: 'card-type' }, card.typeName), ' ',
      card.manager ? `manager: ${card.manager.fullName} (${card.manager.extension})` : el('span', { class: 'muted' }, 'no manager assigned'),
      ` - price column ${card.priceColumn}${card.priceColumnName ? ' ' + card.priceColumnName : ''}`,
      card.doNotCall ? el('span', { class: 'badge' }, ' do not call') : null),
    el('p', {}, 'Phones: ', ...card.phones.map(p => el('span', {}, p, ' ',
      el('button', { type: 'button', class: 'secondary', onclick: () => onDial(p), title: 'click-to-call' }, 'call'), ' '))),
    debt.ordersBlocked ? el('div', { class: 'debt-warning', id: 'debt-warning', role: 'alert' }, debt.message) : null,
    el('table', { id: 'debt' },
      el('tr', {}, el('th', {}, 'Outstanding'), el('th', {}, 'Credit limit'), el('th', {}, 'Overdue'), el('th', {}, 'Overdue since'),
        el('th', {}, 'Open orders'), el('th', {}, 'Headroom')),
      el('tr', {}, el('td', {}, money(debt.totalOutstanding)), el('td', {}, money(debt.creditLimit)),
        el('td', { style: debt.overdue ? 'color:var(--bad);font-weight:600' : '' }, money(debt.overdueAmount)),
        el('td', {}, debt.overdueSince ?? '-'), el('td', {}, money(debt.openOrders)),
        el('td', { id: 'credit-headroom', style: debt.headroom <= 0 ? 'color:var(--bad);font-weight:600' : '' }, money(Math.max(0, debt.headroom))))),
    el('h3', {}, 'Last orders'),
    card.lastOrders.length === 0 ? el('p', { class: 'muted' }, 'No orders yet.') : el('table', { id: 'last-orders' },
      el('tr', {}, el('th', {}, 'No.'), el('th', {}, 'Date'), el('th', {}, 'Status'), el('th', {}, 'Total'), el('th', {}, 'Products')),
      card.lastOrders.map(o => el('tr', {}, el('td', {}, o.number), el('td', {}, o.date.slice(0, 10)), el('td', {}, o.status),
        el('td', {}, money(o.total)), el('td', {}, o.lines.map(l => `${l.sku} x${l.quantity}`).join(', '))))),
    el('h3', {}, 'Promotions'),
    (card.promotions ?? []).length === 0 ? el('p', { class: 'muted' }, 'none in force') : el('table', { id: 'card-promotions' },
      el('tr', {}, el('th', {}, 'Promotion'), el('th', {}, 'Gives'), el('th', {}, 'Until')),
      card.promotions.map(p => el('tr', {}, el('td', {}, p.name, p.description ? el('div', { class: 'muted' }, p.description) : null),
        el('td', {}, promotionBenefit(p)), el('td', {}, p.endsOn)))),
    productTable('New products', 'new-products', card.newProducts),
    productTable('Traditional for this client', 'traditional-products', card.traditionalProducts),
    productTable('Offer beyond the order (upsell)', 'upsell-suggestions', card.upsellSuggestions));
}

function productTable(title, id, products) {
  return [el('h3', {}, title), products.length === 0 ? el('p', { class: 'muted' }, 'none') : el('table', { id },
    el('tr', {}, el('th', {}, 'SKU'), el('th', {}, 'Product'), el('th', {}, 'Price')),
    products.map(p => el('tr', {}, el('td', {}, p.sku, p.isNew ? el('span', { class: 'badge new' }, ' new') : null),
      el('td', {}, p.name), el('td', {}, `${money(p.price)} / ${p.unit}`))))];
}

/** What a promotion gives, in words: the discount and its products, the bonus item. */
export function promotionBenefit(p) {
  const on = p.products.length === 0 ? 'everything' : p.products.join(', ');
  return [p.discountPercent ? `${p.discountPercent}% off ${on}` : null,
    p.bonusSku ? `${p.bonusQuantity} x ${p.bonusSku} ${p.bonusName} free${p.discountPercent ? '' : ` with ${on}`}` : null].filter(Boolean).join('; ');
}

/** Every product the card names with the client's price: what the order lines can be chosen from. */
export function productsOf(card) {
  const all = new Map();
  const add = p => { if (!all.has(p.productId)) all.set(p.productId, { productId: p.productId, sku: p.sku, name: p.name, unit: p.unit, price: p.price }); };
  [...card.traditionalProducts, ...card.newProducts, ...card.upsellSuggestions].forEach(add);
  card.lastOrders.flatMap(o => o.lines).forEach(l => add({ ...l, price: l.unitPrice }));
  return [...all.values()].sort((a, b) => a.sku.localeCompare(b.sku));
}
