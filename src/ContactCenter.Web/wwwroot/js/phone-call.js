// The call in the desk's browser phone: one JsSIP session at a time, shown with the caller, its state and a timer; the
// agent answers, rejects or hangs up here, or calls out from here (a JsSIP INVITE with a WebRTC offer); in a call, hold
// (a re-INVITE), mute (the microphone track only), the keypad (RFC 4733 events in the media) and a blind transfer (REFER).
// The other party's audio plays in the page's <audio id="phone-audio">.
const CallStates = { idle: '', ringing: 'Ringing', calling: 'Calling...', talking: 'On call' };
const Media = { mediaConstraints: { audio: true, video: false }, pcConfig: { iceServers: [] } };

export class PhoneCall {
  constructor(root, { onMessage }) {
    this.root = root;
    this.onMessage = onMessage;
    this.session = null;
    this.started = 0;
    this.ticker = null;
    const $ = id => root.querySelector('#' + id);
    this.peer = $('phone-peer');
    this.state = $('phone-call-state');
    this.timer = $('phone-timer');
    this.audio = document.getElementById('phone-audio');
    this.buttons = { answer: $('phone-answer'), reject: $('phone-reject'), hangup: $('phone-hangup'), hold: $('phone-hold'), mute: $('phone-mute') };
    this.sent = $('phone-sent');
    this.transferTo = $('phone-transfer-to');
    this.buttons.hold.addEventListener('click', () => this.toggleHold());
    this.buttons.mute.addEventListener('click', () => this.toggleMute());
    root.querySelectorAll('#phone-keypad button').forEach(b => b.addEventListener('click', () => this.key(b.textContent)));
    $('phone-transfer').addEventListener('click', () => this.transfer());
    this.buttons.answer.addEventListener('click', () => this.answer());
    this.buttons.reject.addEventListener('click', () => this.session?.terminate({ status_code: 486, reason_phrase: 'Busy Here' }));
    this.buttons.hangup.addEventListener('click', () => this.hangUp());
    this.show('idle');
  }

  // A new JsSIP session: an incoming call rings here; a second one while busy is refused as busy.
  offer(session, originator) {
    if (this.session && this.session !== session) {
      if (originator === 'remote') session.terminate({ status_code: 486, reason_phrase: 'Busy Here' });
      return;
    }
    this.session = session;
    this.peer.textContent = session.remote_identity?.display_name || session.remote_identity?.uri?.user || '';
    session.on('peerconnection', e => this.attach(e.peerconnection));
    if (session.connection) this.attach(session.connection);
    session.on('accepted', () => this.talking());
    session.on('confirmed', () => this.talking());
    session.on('muted', () => this.pressed('mute', true));
    session.on('unmuted', () => this.pressed('mute', false));
    session.on('ended', () => this.ended('The call ended.'));
    session.on('failed', e => this.ended(this.failure(e)));
    this.show(originator === 'remote' ? 'ringing' : 'calling');
  }

  // Calls a number or extension from the browser (JsSIP adds our domain to a bare number).
  dial(ua, number) {
    const target = number.replace(/[^0-9+*#]/g, '');
    if (!target || this.session) return;
    this.peer.textContent = target;
    ua.call(target, Media);
  }

  failure(e) {
    if (e.cause === JsSIP.C.causes.USER_DENIED_MEDIA_ACCESS) {
      return 'The microphone is not allowed for this page: allow it in the browser (the icon in the address bar) and try again.';
    }
    if (e.cause === JsSIP.C.causes.CONNECTION_ERROR) return 'The connection to the service dropped during the call.';
    return e.originator === 'local' ? '' : `The call did not connect: ${e.cause}.`;
  }

  // The button shows the new state once the re-INVITE succeeded; one at a time (JsSIP refuses a re-offer while one is pending).
  toggleHold() {
    const session = this.session;
    if (!session || this.buttons.hold.disabled) return;
    const holding = !session.isOnHold().local;
    const settle = () => { this.buttons.hold.disabled = false; };
    this.buttons.hold.disabled = true;
    const done = () => { settle(); if (this.session === session) this.pressed('hold', holding); };
    const sent = holding ? session.hold({}, done) : session.unhold({}, done);
    if (sent) setTimeout(settle, 10_000); else settle();
  }

  toggleMute() {
    if (!this.session) return;
    if (this.session.isMuted().audio) this.session.unmute({ audio: true }); else this.session.mute({ audio: true });
  }

  // RFC 4733 events in the media (JsSIP's default would be SIP INFO).
  key(digit) {
    if (!this.session || this.root.dataset.call !== 'talking') return;
    this.session.sendDTMF(digit, { transportType: 'RFC2833', duration: 160 });
    this.sent.textContent = `Sent: ${(this.sent.dataset.keys = (this.sent.dataset.keys ?? '') + digit)}`;
  }

  // A blind transfer: the service takes the REFER and calls the target in the agent's place.
  transfer() {
    const target = this.transferTo.value.replace(/[^0-9+*#]/g, '');
    if (!this.session || !target || this.root.dataset.call !== 'talking') return;
    this.session.refer(target, {
      eventHandlers: {
        requestSucceeded: () => { this.sent.textContent = `Transferring to ${target}...`; },
        requestFailed: e => { this.sent.textContent = `The transfer to ${target} was refused (${e.cause}).`; },
      },
    });
  }

  pressed(name, on) {
    this.buttons[name].setAttribute('aria-pressed', String(on));
    this.buttons[name].textContent = { hold: on ? 'Resume' : 'Hold', mute: on ? 'Unmute' : 'Mute' }[name];
  }

  attach(connection) {
    connection.addEventListener('track', e => {
      this.audio.srcObject = e.streams[0] ?? new MediaStream([e.track]);
      this.audio.play().catch(() => {});
    });
  }

  answer() {
    if (!this.session || this.root.dataset.call !== 'ringing') return;
    this.session.answer(Media);
  }

  hangUp() {
    if (this.session && !this.session.isEnded()) this.session.terminate();
  }

  talking() {
    if (this.root.dataset.call === 'talking' && this.started) return;
    this.started = Date.now();
    clearInterval(this.ticker);
    this.ticker = setInterval(() => this.tick(), 1000);
    this.show('talking');
  }

  ended(message) {
    clearInterval(this.ticker);
    this.ticker = null;
    this.started = 0;
    this.session = null;
    this.audio.srcObject = null;
    this.pressed('hold', false);
    this.pressed('mute', false);
    this.sent.textContent = '';
    delete this.sent.dataset.keys;
    this.show('idle');
    if (message) this.onMessage(message);
  }

  tick() {
    const seconds = Math.floor((Date.now() - this.started) / 1000);
    this.timer.textContent = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
  }

  show(state) {
    this.root.dataset.call = state;
    this.root.classList.toggle('hidden', state === 'idle');
    this.state.textContent = CallStates[state];
    if (state !== 'talking') this.timer.textContent = '0:00';
    this.buttons.answer.hidden = state !== 'ringing';
    this.buttons.reject.hidden = state !== 'ringing';
    this.buttons.hangup.hidden = state !== 'talking' && state !== 'calling';
    this.buttons.hold.hidden = state !== 'talking';
    this.buttons.mute.hidden = state !== 'talking';
  }
}
