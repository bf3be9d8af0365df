// Company data (admins): clients, client types, receivables, products, prices, promotions, reference documents and the
// accounting import, one tab each. Department heads decide the promotions and discount programs (DOMAIN): they see the
// Promotions tab only.
import { hasRole, header, me, ready, requireRole } from './api.js';
import { ClientsPanel, TypesPanel } from './data-clients.js';
import { PricesPanel, ProductsPanel } from './data-catalog.js';
import { ImportPanel } from './data-import.js';
import { DocumentsPanel, PromotionsPanel } from './data-offers.js';

const $ = id => document.getElementById(id);
const user = await me();
header(user);
requireRole(user, 'Admin', 'DepartmentHead');
const admin = hasRole(user, 'Admin');

const panels = admin ? {
  clients: new ClientsPanel($('tab-clients')),
  types: new TypesPanel($('tab-types')),
  products: new ProductsPanel($('tab-products')),
  prices: new PricesPanel($('tab-prices')),
  promotions: new PromotionsPanel($('tab-promotions')),
  documents: new DocumentsPanel($('tab-documents')),
  import: new ImportPanel($('tab-import')),
} : { promotions: new PromotionsPanel($('tab-promotions')) };
document.querySelectorAll('#tabs button').forEach(b => b.classList.toggle('hidden', !panels[b.dataset.tab]));
if (!admin) document.querySelector('header.bar h1').textContent = 'Promotions';

async function show(tab) {
  const name = panels[tab] ? tab : Object.keys(panels)[0];
  document.querySelectorAll('#tabs button').forEach(b => b.classList.toggle('active', b.dataset.tab === name));
  document.querySelectorAll('main > .tab').forEach(t => t.classList.toggle('hidden', t.id !== 'tab-' + name));
  if (location.hash !== '#' + name) history.replaceState(null, '', '#' + name);
  await panels[name].load();
}

document.querySelectorAll('#tabs button').forEach(b => b.addEventListener('click', () => show(b.dataset.tab)));
await show(location.hash.slice(1));
ready();
