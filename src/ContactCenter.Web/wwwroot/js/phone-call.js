// The call in the desk's browser phone: one JsSIP session at a time, shown with the caller, its state and a timer; the
// agent answers, rejects or hangs up here. The other party's audio plays in the page's <audio id="phone-audio">.
const CallStates = { idle: '', ringing: 'Ringing', talking: 'On call', ended: 'Ended' };

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
    this.buttons = { answer: $('phone-answer'), reject: $('phone-reject'), hangup: $('phone-hangup') };
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
    session.on('ended', () => this.ended('The call ended.'));
    session.on('failed', e => this.ended(e.originator === 'local' ? '' : `The call did not connect: ${e.cause}.`));
    this.show(originator === 'remote' ? 'ringing' : 'talking');
  }

  attach(connection) {
    connection.addEventListener('track', e => {
      this.audio.srcObject = e.streams[0] ?? new MediaStream([e.track]);
      this.audio.play().catch(() => {});
    });
  }

  answer() {
    if (!this.session || this.root.dataset.call !== 'ringing') return;
    this.session.answer({ mediaConstraints: { audio: true, video: false }, pcConfig: { iceServers: [] } });
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
    this.buttons.hangup.hidden = state !== 'talking';
  }
}
