// The transfer card: pick a colleague who is online and start a transfer (with notes), then follow it: each state
// with its time (and who, and why), the handoff room with the summary as the bot speaks it, and the commands that
// fit this agent's side and the current state — Agent A: join/leave the handoff room, cancel, complete;
// Agent B: join the briefing, repeat the summary, accept, decline.

import { element, show, timeElement } from '../ui.js';

export const ActiveStates = Object.freeze(['Requested', 'Briefing', 'Accepted']);
const Pending = ['Requested', 'Briefing'];

export class TransferPanel {
  constructor(view, nameOf) {
    this.view = view;
    this.nameOf = nameOf;
    this.me = null;
    this.callRoom = null;
    this.agents = [];
    this.transfer = null;
    this.history = [];
    this.handoff = { connected: false, connecting: false, people: [], bot: false, muted: false };
    this.summary = { text: '', streaming: false };
    this.activity = '';
  }

  get active() {
    return Boolean(this.transfer) && ActiveStates.includes(this.transfer.state);
  }

  /** 'from' (Agent A), 'to' (Agent B) or null. */
  get side() {
    if (!this.transfer) {
      return null;
    }
    return this.transfer.fromAgent === this.me ? 'from' : 'to';
  }

  setMe(identity) {
    this.me = identity;
  }

  setCall(room) {
    this.callRoom = room;
    this.render();
  }

  /** Fills the "Transfer to…" list from GET /api/agents: other agents, online ones first and selectable. */
  setAgents(accounts) {
    this.agents = accounts.filter((a) => a.identity !== this.me && a.role === 'agent');
    const select = this.view.target;
    const previous = select.value;
    const online = this.agents.filter((a) => a.online);
    const offline = this.agents.filter((a) => !a.online);
    const options = [];
    if (online.length === 0) {
      const none = new Option('No other agent is online', '');
      options.push(none);
    }
    for (const agent of online) {
      options.push(new Option(`${agent.name} (online)`, agent.identity));
    }
    for (const agent of offline) {
      const option = new Option(`${agent.name} (offline)`, agent.identity);
      option.disabled = true;
      options.push(option);
    }
    select.replaceChildren(...options);
    if (online.some((a) => a.identity === previous)) {
      select.value = previous;
    }
    this.render();
  }

  /** Shows `transfer` (a TransferView); `history` (TransitionView[]) replaces the progress when given. */
  setTransfer(transfer, history) {
    const changed = this.transfer?.id !== transfer?.id;
    this.transfer = transfer;
    if (changed) {
      this.history = [];
      this.summary = { text: transfer?.summary ?? '', streaming: false };
      this.activity = '';
    }
    if (history) {
      this.history = [];
      for (const transition of history) {
        this.addTransition(transition, false);
      }
    }
    if (transfer?.summary && !this.summary.text) {
      this.summary = { text: transfer.summary, streaming: false };
    }
    this.render();
  }

  /** One state change (from a `transfer.*` event); duplicates (same state and time) are ignored. */
  addTransition(transition, render = true) {
    if (!transition) {
      return;
    }
    // The same change can arrive from the history and from an event, with its time written to different precision.
    const key = transitionKey(transition);
    if (!this.history.some((t) => transitionKey(t) === key)) {
      this.history.push(transition);
      this.history.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    }
    if (render) {
      this.render();
    }
  }

  setHandoff(handoff) {
    this.handoff = { ...this.handoff, ...handoff };
    this.render();
  }

  /** Summary text: streamed by the bot in the handoff room, or the full text from a `transfer.summary` event. */
  setSummary(text, streaming) {
    if (!streaming && !text && this.summary.text) {
      return;
    }
    this.summary = { text, streaming };
    this.render();
  }

  /** What the bot is doing in the handoff room, in words ('' for nothing to say). */
  setActivity(text) {
    this.activity = text;
    this.render();
  }

  clear() {
    this.activity = '';
    this.transfer = null;
    this.history = [];
    this.summary = { text: '', streaming: false };
    this.render();
  }

  selectedTarget() {
    return this.view.target.value;
  }

  statusText() {
    const t = this.transfer;
    if (!t) {
      if (!this.callRoom) {
        return 'Join a call to transfer it.';
      }
      return this.agents.some((a) => a.online) ? 'Choose who to transfer this call to.' : 'No other agent is online to take a transfer.';
    }
    const other = this.nameOf(this.side === 'from' ? t.toAgent : t.fromAgent);
    const reason = t.reason ? ` Reason: ${t.reason}` : '';
    const mine = this.side === 'from';
    switch (t.state) {
      case 'Requested':
        return mine ? `Transfer to ${other} requested; setting up the handoff room.` : `${other} wants to transfer a call to you.`;
      case 'Briefing':
        if (mine) {
          return this.handoff.connected
            ? `Briefing ${other} in the handoff room. The caller is on hold.`
            : `Briefing ${other}. The caller is on hold.`;
        }
        return this.handoff.connected
          ? `You are being briefed on ${other}'s call. Accept to take it.`
          : `${other} wants to transfer a call to you. Join the briefing to hear the summary.`;
      case 'Accepted':
        return mine ? `${other} accepted and is joining the call. Complete the transfer to leave.` : 'You accepted the call; you are joining the caller.';
      case 'Completed':
        return mine ? `Transfer completed: the call is now with ${other}.` : `Transfer completed: the call is yours.`;
      case 'Declined':
        return mine ? `${other} declined the transfer. The caller is back with you.${reason}` : `You declined the transfer.${reason}`;
      case 'Cancelled':
        return mine ? `You cancelled the transfer. The caller is back with you.${reason}` : `${other} cancelled the transfer.${reason}`;
      case 'TimedOut':
        return `The transfer timed out.${reason}`;
      case 'Abandoned':
        // The reason only says how the caller went (hung up, or the call room ended): say it once.
        return t.reason && !/hung up/i.test(t.reason) ? `The caller left during the transfer. Reason: ${t.reason}` : 'The caller hung up during the transfer.';
      case 'Failed':
        return `The transfer failed.${reason}`;
      default:
        return `Transfer state: ${t.state}.`;
    }
  }

  render() {
    const v = this.view;
    const t = this.transfer;
    const pending = Boolean(t) && Pending.includes(t.state);
    const side = this.side;

    const status = this.statusText();
    if (v.status.textContent !== status) {
      v.status.textContent = status;
    }
    v.status.dataset.tone = !t ? 'idle' : pending ? 'hold' : t.state === 'Accepted' || t.state === 'Completed' ? 'ok' : 'ended';

    const canStart = Boolean(this.callRoom) && !this.active;
    show(v.form, canStart);
    v.start.disabled = !this.agents.some((a) => a.online);

    show(v.join, pending && !this.handoff.connected);
    v.join.disabled = this.handoff.connecting;
    v.join.textContent = side === 'to' ? 'Join briefing' : 'Join handoff room';
    show(v.accept, pending && side === 'to');
    show(v.decline, pending && side === 'to');
    show(v.cancel, pending && side === 'from');
    show(v.complete, t?.state === 'Accepted' && side === 'from');
    show(v.dismiss, Boolean(t) && !this.active);

    show(v.handoff, this.handoff.connected);
    show(v.handoffLeave, side === 'from');
    v.handoffMute.setAttribute('aria-pressed', String(this.handoff.muted));
    const people = this.handoff.people.length > 0 ? this.handoff.people.join(' and ') : 'nobody else yet';
    const activity = this.activity ? ` ${this.activity}` : '';
    const handoffText = `In the handoff room with ${people}${this.handoff.bot ? ' and the assistant' : ''}.${activity}`;
    if (v.handoffStatus.textContent !== handoffText) {
      v.handoffStatus.textContent = handoffText;
    }
    const summary = this.summary.text || (this.handoff.bot ? 'Waiting for the assistant to start the summary…' : 'The summary appears here as the assistant speaks it.');
    if (v.summary.textContent !== summary) {
      v.summary.textContent = summary;
    }
    v.summary.setAttribute('aria-busy', String(this.summary.streaming));

    show(v.progressBlock, this.history.length > 0);
    this.renderProgress();
  }

  renderProgress() {
    const items = this.history.map((transition) => {
      const item = element('li');
      item.dataset.state = transition.to;
      item.append(element('span', { className: 'state', text: stateWord(transition.to) }), timeElement(transition.at));
      const by = transition.actor && transition.actor !== 'system' ? `by ${this.nameOf(transition.actor)}` : '';
      // "Caller hung up: the caller hung up" says it twice.
      const reason = transition.to === 'Abandoned' && /hung up/i.test(transition.reason ?? '') ? '' : transition.reason;
      const detail = [by, reason].filter(Boolean).join(': ');
      if (detail) {
        item.append(element('span', { className: 'detail', text: detail }));
      }
      return item;
    });
    this.view.progress.replaceChildren(...items);
  }
}

/** Transfer states in words for the progress list. */
export function stateWord(state) {
  return (
    {
      Requested: 'Requested',
      Briefing: 'Briefing',
      Accepted: 'Accepted',
      Completed: 'Completed',
      Declined: 'Declined',
      Cancelled: 'Cancelled',
      TimedOut: 'Timed out',
      Abandoned: 'Caller hung up',
      Failed: 'Failed',
    }[state] ?? state
  );
}

function transitionKey(transition) {
  return `${transition.to}|${Math.floor(Date.parse(transition.at) / 1000)}`;
}
