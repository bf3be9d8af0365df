// The desk's browser phone: registers the signed-in user's own extension over SIP over WebSocket (RFC 7118) with the
// vendored JsSIP (/lib/jssip), using a short-lived password the host issues to the signed-in user (no typed SIP password).
// The password changes at its expiresAt: the next one is fetched then, and on any failed registration.
// Closing the page closes the WebSocket, and the host removes the registration with it.
// Calls to the extension ring here too (the engine offers the browser WebRTC media): see phone-call.js.
import { api } from './api.js';
import { PhoneCall } from './phone-call.js';
import { PhoneDevices } from './phone-devices.js';

const States = { off: 'Off', connecting: 'Connecting...', registered: 'Registered', failed: 'Not registered' };

export class BrowserPhone {
  constructor(toggle, status, message) {
    this.toggle = toggle;
    this.status = status;
    this.message = message;
    this.ua = null;
    this.refresh = null;
    this.devices = new PhoneDevices({ onMicrophone: constraints => this.call.useMicrophone(constraints) });
    this.call = new PhoneCall(document.getElementById('phone-call'), {
      onMessage: text => { this.message.textContent = text; },
      ua: () => this.ua,
      media: () => ({ mediaConstraints: this.devices.constraints(), pcConfig: { iceServers: [] } }),
    });
    window.browserPhone = this; // for the page's tests: the current call's peer connection and its WebRTC stats
    this.dialer = document.getElementById('phone-dialer');
    const number = document.getElementById('phone-number');
    const dial = () => { if (this.ua) this.call.dial(this.ua, number.value); };
    document.getElementById('phone-dial').addEventListener('click', dial);
    number.addEventListener('keydown', e => { if (e.key === 'Enter') dial(); });
    this.show('off');
    toggle.addEventListener('change', () => (toggle.checked ? this.start() : this.stop()));
    window.addEventListener('pagehide', () => this.stop());
  }

  show(state, detail = '') {
    this.status.dataset.phone = state;
    this.status.textContent = States[state];
    this.dialer?.classList.toggle('hidden', state !== 'registered');
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
      if (e.response?.status_code === 403 && e.response.reason_phrase === 'TLS Required') {
        // The extension must use TLS and SRTP: a browser phone only over a secure connection (the desk on https).
        this.show('failed', 'Registration refused: this extension may use the browser phone only over a secure (https) connection.');
        return;
      }
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
    // The devices and the level meter (not awaited: the phone registers whether or not a microphone is there).
    this.devices.start().then(problem => { if (problem && this.ua === ua) this.message.textContent = problem; });
  }

  stop() {
    clearTimeout(this.refresh);
    const ua = this.ua;
    this.ua = null;
    if (ua) ua.stop();
    this.devices.stop();
    this.show('off');
  }
}
