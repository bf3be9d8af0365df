// What the agent hears while a call the browser placed rings: a 180 without a session description gets a local ringback
// tone (425 Hz, 0.8 s on, 3.2 s off, as the service's own ringback), made with Web Audio and played in
// <audio id="phone-ringback"> (so that it goes to the chosen speaker); a 183 with a session description brings early
// media, which plays in the call's own audio element, and the local tone stops. The root's data-ringback says which.
const Hz = 425;
const On = 0.8;
const Period = 4;

export class Ringback {
  constructor(root, audio) {
    this.root = root;
    this.audio = audio;
    this.context = null;
    this.analyser = null;
    this.root.dataset.ringback = '';
  }

  // 'tone' (a 180 without SDP) or 'early' (a 183 with SDP: the early media plays, the tone stops).
  play(kind) {
    if (kind === 'early') {
      this.silence();
      this.root.dataset.ringback = 'early';
      return;
    }
    if (this.context) return;
    this.root.dataset.ringback = 'tone';
    const context = new AudioContext();
    const oscillator = new OscillatorNode(context, { frequency: Hz });
    const gain = new GainNode(context, { gain: 0 });
    this.analyser = new AnalyserNode(context, { fftSize: 512 });
    const output = context.createMediaStreamDestination();
    oscillator.connect(gain).connect(this.analyser).connect(output);
    // Ten minutes of cadence scheduled ahead (a call rings far less than that).
    for (let t = context.currentTime; t < context.currentTime + 600; t += Period) {
      gain.gain.setValueAtTime(0.25, t);
      gain.gain.setValueAtTime(0, t + On);
    }
    oscillator.start();
    this.context = context;
    this.audio.srcObject = output.stream;
    this.audio.play().catch(() => {});
    context.resume().catch(() => {});
  }

  // The local tone's level now (0 when silent or off): for the page's tests.
  level() {
    if (!this.analyser) return 0;
    const samples = new Float32Array(this.analyser.fftSize);
    this.analyser.getFloatTimeDomainData(samples);
    return Math.sqrt(samples.reduce((sum, s) => sum + s * s, 0) / samples.length);
  }

  stop() {
    this.silence();
    this.root.dataset.ringback = '';
  }

  silence() {
    this.audio.srcObject = null;
    this.context?.close().catch(() => {});
    this.context = null;
    this.analyser = null;
  }
}
