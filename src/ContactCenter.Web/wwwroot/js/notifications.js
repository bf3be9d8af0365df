// The user's notifications: the header badge (unread count), the list, live pushes from the hub, mark read.
import { api, banner, el, fill, when } from './api.js';

/** The panel (#notifications-panel) and the header badge (#notif-badge). */
export class NotificationsPanel {
  constructor(root, badge) {
    this.root = root;
    this.badge = badge;
    this.items = [];
    this.$ = id => root.querySelector('#' + id);
    badge.addEventListener('click', () => root.scrollIntoView({ behavior: 'smooth' }));
    this.$('notif-read-all').addEventListener('click', () => this.readAll());
  }

  async load() {
    try {
      this.items = await api('GET', '/api/notifications');
      this.render();
    } catch (error) {
      banner(this.$('notif-banner'), error.message);
    }
  }

  /** A notification pushed by the hub (DeskNotification): shown at the top, unread. */
  pushed(n) {
    if (this.items.some(i => i.id === n.id)) return;
    this.items.unshift({ ...n, read: false });
    this.render();
  }

  async read(item) {
    try {
      await api('POST', `/api/notifications/${item.id}/read`);
      item.read = true;
      this.render();
    } catch (error) {
      banner(this.$('notif-banner'), error.message);
    }
  }

  async readAll() {
    for (const item of this.items.filter(i => !i.read)) await this.read(item);
  }

  render() {
    const unread = this.items.filter(i => !i.read).length;
    this.badge.textContent = `Notifications ${unread}`;
    this.badge.dataset.unread = String(unread);
    this.badge.classList.toggle('has-unread', unread > 0);
    fill(this.$('notif-list'), this.items.length === 0 ? el('p', { class: 'muted' }, 'No notifications.') : el('ul', { class: 'notifications' },
      this.items.slice(0, 30).map(n => el('li', { class: n.read ? 'read' : 'unread', 'data-notification-id': n.id, 'data-kind': n.kind },
        el('span', { class: 'muted' }, when(n.createdAt), n.department ? ` [${n.department}]` : ' [you]'), ' ',
        n.text, ' ',
        n.read ? null : el('button', { type: 'button', class: 'secondary', onclick: () => this.read(n) }, 'Mark read')))));
  }
}
