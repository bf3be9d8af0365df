// The operator's call-list queue: the next task's preview, dial (click-to-call through the API), the result form with
// the survey questions, and "save and dial next" (progressive). The API's 400/409 messages go next to the field.
import { api, banner, clearErrors, el, fill, showError } from './api.js';

/** Result values the API takes, with the words shown. */
const Results = [['reached', 'Reached'], ['refused', 'Refused'], ['no-answer', 'No answer'], ['busy', 'Busy'],
  ['wrong-number', 'Wrong number'], ['call-back-later', 'Call back later']];

const fieldError = name => el('span', { class: 'field-error', 'data-error-for': name });

/** One answer control per question kind (ids answer-N): yes-no, choice, 1-5 scale, text. */
function answerInput(q) {
  const id = `answer-${q.number}`;
  const options = values => el('select', { id, 'data-question': q.number }, el('option', { value: '' }, '-'),
    values.map(v => el('option', { value: v }, v)));
  switch (q.kind) {
    case 'yes-no': return options(['yes', 'no']);
    case 'choice': return options(q.choices);
    case 'scale': return options(['1', '2', '3', '4', '5']);
    default: return el('input', { id, 'data-question': q.number, size: 40, maxlength: 1000 });
  }
}

/** The panel (#call-list-panel); onClient(card) shows the task's client card on the desk. */
export class CallListPanel {
  constructor(root, onClient) {
    this.root = root;
    this.onClient = onClient;
    this.task = null;
    this.dialed = false;
    this.$ = id => root.querySelector('#' + id);
    this.$('task-next').addEventListener('click', () => this.next());
    this.$('task-dial').addEventListener('click', () => this.dial());
    this.$('task-save').addEventListener('click', () => this.save(false));
    this.$('task-save-next').addEventListener('click', () => this.save(true));
    this.$('task-result').addEventListener('change', () => this.showCallBack());
    fill(this.$('task-result'), Results.map(([v, text]) => el('option', { value: v }, text)));
  }

  /** Lists the call lists the user works (names and sizes). */
  async loadLists() {
    try {
      const lists = await api('GET', '/api/call-lists');
      fill(this.$('call-lists'), lists.length === 0 ? 'No call lists for you.'
        : ['Your lists: ', lists.map((l, i) => [i ? '; ' : '', el('strong', {}, l.name), ` (${l.purpose}, ${l.tasks} calls${l.dueDate ? ', due ' + l.dueDate : ''})`])]);
    } catch (error) {
      banner(this.$('task-banner'), error.message);
    }
  }

  /** Previews the next task (reserves it for this operator); 204 means nothing to call. */
  async next() {
    clearErrors(this.root, this.$('task-banner'));
    try {
      this.show(await api('GET', '/api/call-tasks/next'), false);
      if (!this.task) banner(this.$('task-banner'), 'Nothing to call in your lists now.', 'info');
    } catch (error) {
      banner(this.$('task-banner'), error.message);
    }
  }

  /** Places the task's call: the operator's phone rings first, then the client. */
  async dial() {
    if (!this.task) return;
    clearErrors(this.root, this.$('task-banner'));
    try {
      const started = await api('POST', `/api/call-tasks/${this.task.taskId}/dial`);
      this.calling(started);
    } catch (error) {
      banner(this.$('task-banner'), error.message);
    }
  }

  /** Records the result; with dialNext the API also places the next task's call, which is then previewed. */
  async save(dialNext) {
    if (!this.task) return;
    clearErrors(this.root, this.$('task-banner'));
    const result = this.$('task-result').value;
    const answers = {};
    if (result === 'reached') {
      this.root.querySelectorAll('[data-question]').forEach(input => {
        if (input.value.trim()) answers[input.dataset.question] = input.value.trim();
      });
    }
    const callBack = this.$('task-callback').value;
    const body = { result, notes: this.$('task-notes').value.trim() || null, answers,
      callBackAt: result === 'call-back-later' && callBack ? new Date(callBack).toISOString() : null, dialNext };
    try {
      const saved = await api('POST', `/api/call-tasks/${this.task.taskId}/result`, body);
      const done = `Saved: ${saved.result} for ${this.task.phone} (task ${saved.status}).`;
      if (saved.next) {
        this.show(await api('GET', '/api/call-tasks/next'), true);
        this.calling(saved.next, done);
      } else {
        this.show(null, false);
        const tail = dialNext ? (saved.nextRefusal ? ` Next call not placed: ${saved.nextRefusal}` : ' Nothing more to call.') : '';
        banner(this.$('task-banner'), done + tail, saved.nextRefusal ? 'error' : 'ok');
      }
      this.root.dataset.saved = saved.result;
    } catch (error) {
      showError(this.root, this.$('task-banner'), error);
    }
  }

  calling(started, before = '') {
    this.dialed = true;
    this.$('task-state').textContent = `attempt ${started.attempt}, calling`;
    banner(this.$('task-banner'), `${before} Calling ${started.phone}: your phone (${started.agent}) rings first.`.trim(), 'info');
    this.root.dataset.callId = started.callId;
  }

  /** Shows a task (or the empty panel) and its questions. */
  show(task, dialed) {
    this.task = task;
    this.dialed = dialed;
    this.$('task').classList.toggle('hidden', !task);
    this.root.dataset.taskId = task?.taskId ?? '';
    if (!task) return;
    this.$('task-list-name').textContent = task.callListName;
    this.$('task-purpose').textContent = task.purpose;
    this.$('task-instructions').textContent = task.instructions ?? '';
    this.$('task-client').textContent = task.client?.name ?? 'no client on file';
    this.$('task-phone').textContent = task.phone;
    this.showVoicemail(task.voicemail);
    this.$('task-state').textContent = `attempt ${task.attempts} of ${task.maxAttempts}${task.lastResult ? ', last: ' + task.lastResult : ''}`;
    this.$('task-result').value = 'reached';
    this.$('task-notes').value = task.notes ?? '';
    this.$('task-callback').value = '';
    fill(this.$('task-questions'), task.questions.length === 0 ? el('p', { class: 'muted' }, 'No survey questions on this list.')
      : task.questions.map(q => el('label', { for: `answer-${q.number}` }, `${q.number}. ${q.text} `, answerInput(q), ' ',
        fieldError(`answers.${q.number}`))));
    this.showCallBack();
    if (task.client) this.onClient(task.client);
  }

  /** A voicemail task's message: its length, when it was left, and a player on the recordings endpoint. */
  showVoicemail(voicemail) {
    const player = this.$('task-voicemail-player');
    this.$('task-voicemail').classList.toggle('hidden', !voicemail);
    if (!voicemail) {
      player.removeAttribute('src');
      return;
    }
    this.$('task-voicemail-info').textContent = `(${voicemail.seconds} s, ${new Date(voicemail.leftAt).toLocaleString()})`;
    player.src = voicemail.audio;
  }

  showCallBack() {
    this.$('task-callback-row').classList.toggle('hidden', this.$('task-result').value !== 'call-back-later');
    this.$('task-questions').classList.toggle('hidden', this.$('task-result').value !== 'reached');
  }
}
