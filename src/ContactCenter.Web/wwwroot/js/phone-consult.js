// An attended transfer in the desk's browser phone: during a call the agent puts the client on hold and calls a
// colleague (or any number the dial plan allows) in a second JsSIP session, talks to them, then either completes the
// transfer (a REFER in the client's call whose Refer-To carries Replaces naming the consultation dialog, RFC 3891: the
// service joins the client and the colleague and hangs up the agent's two calls) or goes back to the client (the
// consultation is hung up and the client resumed). The colleague's audio plays in <audio id="phone-consult-audio">.
const States = { idle: '', calling: 'Calling...', talking: 'Talking' };

export class Consultation {
  // call: the PhoneCall whose client is put on hold (its session, hold(), media(), ua(), attachAudio()).
  constructor(root, call) {
    this.call = call;
    this.session = null;
    this.dialing = false;
    this.completing = false;
    this.listeners = [];
    const $ = id => root.querySelector('#' + id);
    this.box = $('phone-consultation');
    this.peer = $('phone-consult-peer');
    this.state = $('phone-consult-state');
    this.to = $('phone-consult-to');
    this.audio = document.getElementById('phone-consult-audio');
    $('phone-consult').addEventListener('click', () => this.start());
    this.to.addEventListener('keydown', e => { if (e.key === 'Enter') this.start(); });
    $('phone-consult-complete').addEventListener('click', () => this.complete());
    $('phone-consult-back').addEventListener('click', () => this.back());
    this.show('idle');
  }

  get active() { return this.session !== null; }

  // Holds the client (when not yet held) and calls the colleague from this browser.
  async start() {
    const main = this.call.session;
    const ua = this.call.ua();
    const target = this.to.value.replace(/[^0-9+*#]/g, '');
    if (!main || !ua || !target || this.session || this.dialing || !this.call.isTalking()) return;
    this.dialing = true;
    try {
      if (!main.isOnHold().local && !await this.call.hold(true)) {
        this.call.onMessage('The client could not be put on hold, so the colleague was not called.');
        return;
      }
      if (this.call.session !== main) return; // the client hung up meanwhile
      this.peer.textContent = target;
      ua.call(target, this.call.media()); // JsSIP announces the session at once: adopt() takes it
    } finally {
      this.dialing = false;
    }
  }

  // The JsSIP session the consult button just started (false for any other session).
  adopt(session) {
    if (!this.dialing || this.session) return false;
    this.session = session;
    this.completing = false;
    const on = (event, handler) => { session.on(event, handler); this.listeners.push([event, handler]); };
    on('peerconnection', e => this.call.attachAudio(e.peerconnection, this.audio));
    on('progress', e => { if (e.originator === 'remote') this.call.ringback.play(e.response?.body ? 'early' : 'tone'); });
    on('accepted', () => { this.call.ringback.stop(); this.show('talking'); });
    on('confirmed', () => this.show('talking'));
    on('ended', () => this.ended(this.completing ? '' : 'The colleague hung up; the client is still on hold.'));
    on('failed', e => this.ended(e.originator === 'local' ? '' : `The colleague's line did not answer (${e.cause}); the client is still on hold.`));
    this.show('calling');
    return true;
  }

  // Hands the consultation over as the agent's only call (the client hung up meanwhile): our listeners come off it.
  release() {
    const session = this.session;
    if (!session) return null;
    for (const [event, handler] of this.listeners) session.removeListener(event, handler);
    this.listeners = [];
    this.session = null;
    this.audio.srcObject = null;
    this.show('idle');
    return session;
  }

  // REFER in the client's call with Replaces naming the consultation: the service joins the two and hangs up ours.
  complete() {
    const main = this.call.session;
    const consultation = this.session;
    if (!main || !consultation || this.box.dataset.consult !== 'talking' || this.completing) return;
    this.completing = true;
    this.call.onMessage(`Transferring the client to ${this.peer.textContent}...`);
    main.refer(consultation.remote_identity.uri, {
      replaces: consultation,
      eventHandlers: {
        requestFailed: e => {
          this.completing = false;
          this.call.onMessage(`The transfer was refused (${e.cause}); you are still talking to ${this.peer.textContent}.`);
        },
        failed: () => {
          this.completing = false;
          this.call.onMessage('The transfer did not complete; the client is still on hold.');
        },
        accepted: () => this.call.onMessage(`The client was transferred to ${this.peer.textContent}.`),
      },
    });
  }

  // Hangs up the consultation and takes the client off hold.
  back() {
    if (!this.session) return;
    const session = this.session;
    this.completing = true; // no "the colleague hung up" message for our own hang-up
    if (!session.isEnded()) session.terminate();
    this.call.hold(false);
  }

  ended(message) {
    if (!this.session) return;
    this.call.ringback.stop();
    this.listeners = [];
    this.session = null;
    this.completing = false;
    this.audio.srcObject = null;
    this.show('idle');
    if (message) this.call.onMessage(message);
  }

  show(state) {
    this.box.dataset.consult = state;
    this.box.classList.toggle('hidden', state === 'idle');
    this.state.textContent = States[state];
  }
}
