// The browser phone's audio devices: the microphone and the speaker the agent chose (navigator.mediaDevices
// enumerateDevices; the speaker through HTMLMediaElement.setSinkId where the browser has it), remembered in this
// browser's localStorage, and a live input level meter (an AnalyserNode on the chosen microphone, RMS of each frame).
// The choice applies to the next call and, for the microphone, to the calls in progress (RTCRtpSender.replaceTrack).
const Keys = { microphone: 'cc.phone.microphone', speaker: 'cc.phone.speaker' };

export class PhoneDevices {
  // onMicrophone(constraints): the microphone changed (the calls in progress take the new one).
  constructor({ onMicrophone }) {
    const $ = id => document.getElementById(id);
    this.box = $('phone-devices');
    this.microphone = $('phone-microphone');
    this.speaker = $('phone-speaker');
    this.level = $('phone-level');
    this.outputs = [...document.querySelectorAll('audio[data-phone-output]')];
    this.onMicrophone = onMicrophone;
    this.stream = null;
    this.context = null;
    this.ticker = null;
    this.canChooseSpeaker = typeof HTMLMediaElement.prototype.setSinkId === 'function';
    this.microphone.addEventListener('change', () => this.chooseMicrophone());
    this.speaker.addEventListener('change', () => this.chooseSpeaker());
    navigator.mediaDevices?.addEventListener?.('devicechange', () => { if (this.stream) this.list(); });
  }

  // JsSIP's media options for a call: the chosen microphone (the browser's default when none or it is gone).
  constraints() {
    const id = localStorage.getItem(Keys.microphone);
    const known = id && [...this.microphone.options].some(o => o.value === id);
    return { audio: known ? { deviceId: { exact: id } } : true, video: false };
  }

  // Opens the microphone (device labels are shown only once it is allowed), lists the devices and starts the meter.
  async start() {
    if (!navigator.mediaDevices?.getUserMedia) return 'This browser gives the page no microphone (an https address is needed).';
    try {
      await this.open();
      await this.list();
      this.box.classList.remove('hidden');
      return '';
    } catch (error) {
      this.stop();
      return error?.name === 'NotAllowedError'
        ? 'The microphone is not allowed for this page: allow it in the browser (the icon in the address bar).'
        : `The microphone could not be opened (${error?.message ?? error}).`;
    }
  }

  stop() {
    clearInterval(this.ticker);
    this.ticker = null;
    this.stream?.getTracks().forEach(t => t.stop());
    this.stream = null;
    this.context?.close().catch(() => {});
    this.context = null;
    this.level.value = 0;
    this.level.dataset.level = '0';
    this.box.classList.add('hidden');
  }

  async open() {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: this.constraints().audio, video: false });
    this.stream?.getTracks().forEach(t => t.stop());
    this.stream = stream;
    this.meter(stream);
  }

  async list() {
    const devices = await navigator.mediaDevices.enumerateDevices();
    fill(this.microphone, devices.filter(d => d.kind === 'audioinput'), localStorage.getItem(Keys.microphone)
      ?? this.stream?.getAudioTracks()[0]?.getSettings().deviceId);
    const speakers = devices.filter(d => d.kind === 'audiooutput');
    this.speaker.closest('label').hidden = !this.canChooseSpeaker || speakers.length === 0;
    fill(this.speaker, speakers, localStorage.getItem(Keys.speaker) ?? 'default');
    if (this.canChooseSpeaker) await this.applySpeaker();
  }

  async chooseMicrophone() {
    localStorage.setItem(Keys.microphone, this.microphone.value);
    await this.open();
    this.onMicrophone(this.constraints());
  }

  async chooseSpeaker() {
    localStorage.setItem(Keys.speaker, this.speaker.value);
    await this.applySpeaker();
  }

  // Every element the phone plays into (the call, the consultation, the ringback) goes to the chosen speaker.
  async applySpeaker() {
    const id = this.speaker.value;
    if (!id) return;
    await Promise.all(this.outputs.map(a => (a.sinkId === id ? null : a.setSinkId(id).catch(() => {}))));
    this.speaker.dataset.applied = id;
  }

  // The level of the microphone's signal, 0..1 (RMS of the last 2048 samples, scaled so that speech fills the bar).
  meter(stream) {
    clearInterval(this.ticker);
    this.context?.close().catch(() => {});
    this.context = new AudioContext();
    const analyser = this.context.createAnalyser();
    analyser.fftSize = 2048;
    this.context.createMediaStreamSource(stream).connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    this.ticker = setInterval(() => {
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const s of samples) sum += s * s;
      const level = Math.min(1, Math.sqrt(sum / samples.length) * 4);
      this.level.value = level;
      this.level.dataset.level = level.toFixed(3);
    }, 50);
    this.context.resume().catch(() => {});
  }
}

function fill(select, devices, chosen) {
  select.replaceChildren(...devices.map((d, i) => new Option(d.label || `${d.kind === 'audioinput' ? 'Microphone' : 'Speaker'} ${i + 1}`, d.deviceId)));
  if (devices.some(d => d.deviceId === chosen)) select.value = chosen;
}
