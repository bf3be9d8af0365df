// The call in the desk's browser phone: one JsSIP session at a time, shown with the caller, its state and a timer; the
// agent answers, rejects or hangs up here, or calls out from here (a JsSIP INVITE with a WebRTC offer); in a call, hold
// (a re-INVITE), mute (the microphone track only), the keypad (RFC 4733 events in the media), a blind transfer (REFER)
// and an attended one (phone-consult.js). The other party's audio plays in the page's <audio id="phone-audio">.
import { Consultation } from './phone-consult.js';
import { Ringback } from './phone-ringback.js';

const CallStates = { idle: '', ringing: 'Ringing', calling: 'Calling...', talking: 'On call' };

export class PhoneCall {
  // ua(): the registered JsSIP UA (or null); media(): JsSIP's call/answer options (the chosen microphone).
  constructor(root, { onMessage, ua, media }) {
    this.root = root;
    this.onMessage = onMessage;
    this.ua = ua;
    this.media = media;
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
    this.ringback = new Ringback(root, document.getElementById('phone-ringback'));
    this.consultation = new Consultation(root, this);
    this.show('idle');
  }

  isTalking() { return this.root.dataset.call === 'talking'; }

  // A new JsSIP session: an incoming call rings here; the consultation's own call goes to it; another one while busy
  // is refused as busy.
  offer(session, originator) {
    if (this.session && this.session !== session) {
      if (originator === 'local' && this.consultation.adopt(session)) return;
      if (originator === 'remote') session.terminate({ status_code: 486, reason_phrase: 'Busy Here' });
      return;
    }
    this.session = session;
    this.peer.textContent = session.remote_identity?.display_name || session.remote_identity?.uri?.user || '';
    session.on('peerconnection', e => this.attachAudio(e.peerconnection, this.audio));
    if (session.connection) this.attachAudio(session.connection, this.audio);
    session.on('progress', e => { if (e.originator === 'remote' && this.session === session) this.ringback.play(e.response?.body ? 'early' : 'tone'); });
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
    ua.call(target, this.media());
  }

  failure(e) {
    if (e.cause === JsSIP.C.causes.USER_DENIED_MEDIA_ACCESS) {
      return 'The microphone is not allowed for this page: allow it in the browser (the icon in the address bar) and try again.';
    }
    if (e.cause === JsSIP.C.causes.CONNECTION_ERROR) return 'The connection to the service dropped during the call.';
    return e.originator === 'local' ? '' : `The call did not connect: ${e.cause}.`;
  }

  toggleHold() {
    if (this.session) this.hold(!this.session.isOnHold().local);
  }

  // Holds or resumes the client; resolves true once the re-INVITE succeeded (the button shows the new state then), false
  // when it could not be sent or got no answer in 10 s. One at a time (JsSIP refuses a re-offer while one is pending).
  hold(holding) {
    const session = this.session;
    if (!session || this.buttons.hold.disabled) return Promise.resolve(false);
    if (session.isOnHold().local === holding) return Promise.resolve(true);
    this.buttons.hold.disabled = true;
    return new Promise(resolve => {
      let timeout = null;
      const settle = ok => { clearTimeout(timeout); this.buttons.hold.disabled = false; resolve(ok); };
      const done = () => { if (this.session === session) this.pressed('hold', holding); settle(true); };
      const sent = holding ? session.hold({}, done) : session.unhold({}, done);
      if (sent) timeout = setTimeout(() => settle(false), 10_000); else settle(false);
    });
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

  // Plays the peer connection's remote audio in <paramref>audio</paramref>: the tracks it has and the ones it gets.
  attachAudio(connection, audio) {
    const play = stream => { audio.srcObject = stream; audio.play().catch(() => {}); };
    const tracks = connection.getReceivers().map(r => r.track).filter(t => t?.kind === 'audio');
    if (tracks.length) play(new MediaStream(tracks));
    connection.addEventListener('track', e => play(e.streams[0] ?? new MediaStream([e.track])));
  }

  answer() {
    if (!this.session || this.root.dataset.call !== 'ringing') return;
    this.session.answer(this.media());
  }

  hangUp() {
    if (this.session && !this.session.isEnded()) this.session.terminate();
  }

  // The chosen microphone changed: the calls in progress send from it (muted stays muted).
  async useMicrophone(constraints) {
    for (const session of [this.session, this.consultation.session]) {
      const sender = session?.connection?.getSenders().find(s => s.track?.kind === 'audio');
      if (!sender) continue;
      const track = (await navigator.mediaDevices.getUserMedia({ audio: constraints.audio, video: false })).getAudioTracks()[0];
      track.enabled = sender.track.enabled;
      const old = sender.track;
      await sender.replaceTrack(track);
      old.stop();
    }
  }

  talking() {
    this.ringback.stop();
    if (this.root.dataset.call === 'talking' && this.started) return;
    this.started = Date.now();
    clearInterval(this.ticker);
    this.ticker = setInterval(() => this.tick(), 1000);
    this.show('talking');
  }

  ended(message) {
    this.ringback.stop();
    if (this.consultation.active && !this.consultation.completing) {
      // The client hung up while the agent consulted: the consultation goes on as the agent's call.
      const session = this.consultation.release();
      this.session = null;
      this.pressed('hold', false);
      this.offer(session, 'local');
      if (session.isEstablished()) { this.started = 0; this.talking(); }
      this.onMessage('The client hung up; you are still talking to your colleague.');
      return;
    }
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
