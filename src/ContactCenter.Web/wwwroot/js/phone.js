// The desk's browser phone: registers the signed-in user's own extension over SIP over WebSocket (RFC 7118) with the
// vendored JsSIP (/lib/jssip), using a short-lived password the host issues to the signed-in user (no typed SIP password).
// The password changes at its expiresAt: the next one is fetched then, and on any failed registration.
// Closing the page closes the WebSocket, and the host removes the registration with it.
// Calls to the extension ring here too (the engine offers the browser WebRTC media): see phone-call.js.
import { api } from './api.js';
import { PhoneCall } from './phone-call.js';

const States = { off: 'Off', connecting: 'Connecting...', registered: 'Registered', failed: 'Not registered' };

export class BrowserPhone {
  constructor(toggle, status, message) {
    this.toggle = toggle;
    this.status = status;
    this.message = message;
    this.ua = null;
    this.refresh = null;
    this.call = new PhoneCall(document.getElementById('phone-call'), { onMessage: text => { this.message.textContent = text; } });
    window.browserPhone = this; // for the page's tests: the current call's peer connection and its WebRTC stats
    this.show('off');
    toggle.addEventListener('change', () => (toggle.checked ? this.start() : this.stop()));
    window.addEventListener('pagehide', () => this.stop());
  }

  show(state, detail = '') {
    this.status.dataset.phone = state;
    this.status.textContent = States[state];
    this.message.textContent = detail;
  }

  async credential() {
    const credential = await api('POST', '/api/phone/credential');
    clearTimeout(this.refresh);
    // The password stops working at expiresAt: take the next one a moment after.
    const wait = Math.max(5_000, new Date(credential.expiresAt).getTime() - Date.now() + 1_000);
    this.refresh = setTimeout(() => this.renew(), wait);
    return credential;
  }

  async renew() {
    if (!this.ua) return;
    try {
      const credential = await this.credential();
      this.ua.set('password', credential.password);
    } catch (error) {
      this.show('failed', error.message);
    }
  }

  async start() {
    if (this.ua) return;
    if (typeof JsSIP === 'undefined') {
      this.show('failed', 'The SIP library did not load.');
      return;
    }
    this.show('connecting');
    let credential;
    try {
      credential = await this.credential();
    } catch (error) {
      this.toggle.checked = false;
      this.show('failed', error.message);
      return;
    }
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const socket = new JsSIP.WebSocketInterface(`${scheme}://${location.host}${credential.webSocketPath}`);
    const ua = new JsSIP.UA({
      sockets: [socket],
      uri: credential.uri,
      authorization_user: credential.username,
      password: credential.password,
      realm: credential.realm,
      register_expires: credential.registerExpires,
      session_timers: false,
      user_agent: 'ContactCenter desk',
    });
    this.ua = ua;
    let retried = false;
    ua.on('registered', () => { retried = false; this.show('registered'); });
    ua.on('unregistered', () => { if (this.ua === ua) this.show('connecting'); });
    ua.on('disconnected', () => { if (this.ua === ua) this.show('failed', 'The connection to the service dropped; reconnecting.'); });
    ua.on('registrationFailed', async e => {
      if (this.ua !== ua) return;
      this.show('failed', `Registration failed: ${e.cause}.`);
      if (!retried) {
        // The password may have just changed: fetch the current one and try once more.
        retried = true;
        await this.renew();
        ua.register();
      }
    });
    ua.on('newRTCSession', e => this.call.offer(e.session, e.originator));
    ua.start();
  }

  stop() {
    clearTimeout(this.refresh);
    const ua = this.ua;
    this.ua = null;
    if (ua) ua.stop();
    this.show('off');
  }
}
