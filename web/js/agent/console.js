// The signed-in console: ties the event stream, the inbox, the call room, the handoff room, the transcript and the
// transfer panel together, and runs the agent's commands against the control API.
//
// Sources of truth: the control API's transfer views (REST answers and `transfer.*` events) decide a transfer's
// state; `wt.transfer` packets in the rooms only trigger a re-read, so both paths converge on the same view.

import { ApiError, errorMessage } from '../api.js';
import { disconnectReasonText, displayName, livekit } from '../livekit.js';
import { byId, show, showError, whileBusy } from '../ui.js';
import { CallRoom } from './call-room.js';
import { AgentEventStream } from './events.js';
import { HandoffRoom } from './handoff-room.js';
import { Inbox } from './inbox.js';
import { TranscriptView } from './transcript.js';
import { ActiveStates, TransferPanel, stateWord } from './transfer-panel.js';

const RefreshEvery = 20_000;

/** The worker's briefing events (`transfer.activity`) in words for the handoff room. */
const activityWords = {
  briefing_started: 'The assistant is speaking the summary…',
  briefing_spoken: 'The assistant has finished the summary.',
  briefing_repeated: 'The assistant is repeating the summary…',
  provider_fallback: 'The assistant switched to its offline voice or summary.',
  worker_error: 'The assistant ran into a problem; talk to each other to hand over.',
};

export class AgentConsole {
  constructor(session, { onPresence }) {
    this.session = session;
    this.api = session.api;
    this.names = new Map();
    this.transfers = new Map(); // id -> latest TransferView
    this.current = null; // id of the transfer shown in the panel
    this.callEndText = '';
    this.timer = 0;
    this.nameOf = (identity) => this.names.get(identity) ?? identity;

    this.view = {
      announcer: byId('announcer'),
      inboxError: byId('inbox-error'),
      callStatus: byId('call-status'),
      callControls: byId('call-controls'),
      callMute: byId('call-mute'),
      callMicState: byId('call-mic-state'),
      callInvite: byId('call-invite'),
      callLeave: byId('call-leave'),
      callEnd: byId('call-end'),
      invite: byId('invite'),
      inviteLink: byId('invite-link'),
      callError: byId('call-error'),
      transferError: byId('transfer-error'),
      notes: byId('notes'),
    };

    this.transcript = new TranscriptView(byId('transcript'), byId('transcript-empty'));
    this.inbox = new Inbox(
      {
        calls: byId('waiting-calls'),
        callsEmpty: byId('waiting-calls-empty'),
        transfers: byId('incoming-transfers'),
        transfersEmpty: byId('incoming-transfers-empty'),
      },
      {
        answer: (room, button) => whileBusy(button, () => this.answer(room)),
        rejoin: (room, button) => whileBusy(button, () => this.answer(room)),
        joinBriefing: (id, button) => whileBusy(button, () => this.openIncoming(id)),
        decline: (id, button) => whileBusy(button, () => this.decline(id)),
      },
      this.nameOf,
    );
    this.panel = new TransferPanel(
      {
        status: byId('transfer-status'),
        form: byId('transfer-form'),
        target: byId('transfer-target'),
        start: byId('transfer-start'),
        join: byId('transfer-join'),
        accept: byId('transfer-accept'),
        decline: byId('transfer-decline'),
        cancel: byId('transfer-cancel'),
        complete: byId('transfer-complete'),
        dismiss: byId('transfer-dismiss'),
        handoff: byId('handoff'),
        handoffStatus: byId('handoff-status'),
        handoffMute: byId('handoff-mute'),
        handoffLeave: byId('handoff-leave'),
        summary: byId('summary'),
        progressBlock: byId('progress-block'),
        progress: byId('transfer-progress'),
      },
      this.nameOf,
    );

    const audio = byId('audio');
    this.call = new CallRoom({
      audio,
      meter: byId('call-mic-level'),
      transcript: this.transcript,
      onChange: () => this.renderCall(),
      onSignal: (signal) => this.onSignal(signal),
      onEnded: (reason) => this.onCallEnded(reason),
    });
    this.handoff = new HandoffRoom({
      audio,
      meter: byId('handoff-mic-level'),
      onChange: () => this.renderHandoff(),
      onSummary: (text, { streaming }) => this.panel.setSummary(text, streaming),
      onSignal: (signal) => this.onSignal(signal),
      onMoved: (room) => this.onMoved(room),
      onEnded: (reason) => this.onHandoffEnded(reason),
    });
    this.events = new AgentEventStream(session, {
      onEvent: (type, data, meta) => this.onEvent(type, data, meta),
      onReady: () => this.onReady(),
      onPresence,
    });
    this.wireButtons();
  }

  wireButtons() {
    const click = (id, action) => {
      const button = byId(id);
      button.addEventListener('click', () => whileBusy(button, action).then(() => this.render()));
    };
    click('call-mute', () => this.guard(this.view.callError, () => this.call.setMuted(!this.call.userMuted)));
    click('call-invite', () => this.guard(this.view.callError, () => this.invite()));
    click('call-leave', () => this.guard(this.view.callError, () => this.leaveCall()));
    click('call-end', () => this.guard(this.view.callError, () => this.endCall()));
    click('transfer-refresh', () => this.guard(this.view.transferError, () => this.loadAgents()));
    click('transfer-join', () => this.guard(this.view.transferError, () => this.joinHandoff()));
    click('transfer-accept', () => this.guard(this.view.transferError, () => this.accept()));
    click('transfer-decline', () => this.guard(this.view.transferError, () => this.decline(this.current)));
    click('transfer-cancel', () => this.guard(this.view.transferError, () => this.cancel()));
    click('transfer-complete', () => this.guard(this.view.transferError, () => this.complete()));
    click('transfer-dismiss', () => this.dismiss());
    click('summary-repeat', () => this.guard(this.view.transferError, () => this.handoff.repeatSummary()));
    click('handoff-mute', () => this.guard(this.view.transferError, () => this.handoff.setMuted(!this.handoff.muted)));
    click('handoff-leave', () => this.guard(this.view.transferError, () => this.handoff.leave()));
    const form = byId('transfer-form');
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      whileBusy(this.panel.view.start, () => this.guard(this.view.transferError, () => this.startTransfer())).then(() => this.render());
    });
  }

  /** Runs `action`, showing its failure (in words) in `errorElement`. */
  async guard(errorElement, action) {
    showError(errorElement, '');
    try {
      await action();
    } catch (error) {
      showError(errorElement, errorMessage(error));
    }
  }

  announce(text) {
    // Clearing first makes a repeated sentence be read again.
    this.view.announcer.textContent = '';
    setTimeout(() => {
      this.view.announcer.textContent = text;
    }, 50);
  }

  // ---- lifecycle ---------------------------------------------------------------------------------------------

  async start() {
    const me = this.session.identity;
    this.inbox.setMe(me);
    this.panel.setMe(me);
    this.names.set(me, this.session.name);
    this.render();
    await this.loadAgents().catch(() => {});
    this.events.start();
    this.timer = setInterval(() => this.refresh(), RefreshEvery);
  }

  async stop() {
    clearInterval(this.timer);
    this.events.stop();
    await this.handoff.leave().catch(() => {});
    await this.call.leave().catch(() => {});
  }

  setOnline(online) {
    if (online) {
      this.events.start();
    } else {
      this.events.stop();
    }
  }

  async refresh() {
    if (!this.session.signedIn) {
      return;
    }
    await this.loadRooms().catch(() => {});
    if (this.call.connected && !this.panel.active) {
      await this.loadAgents().catch(() => {});
    }
  }

  async loadAgents() {
    const accounts = await this.api.get('/api/agents');
    for (const account of accounts) {
      this.names.set(account.identity, account.name);
    }
    this.panel.setAgents(accounts);
    this.inbox.render();
  }

  async loadRooms() {
    const rooms = await this.api.get('/api/rooms');
    this.inbox.setRooms(rooms);
    this.renderTitle();
  }

  // ---- events ------------------------------------------------------------------------------------------------

  onEvent(type, data, { replay }) {
    switch (type) {
      case 'transfer.incoming':
      case 'transfer.state': {
        const transfer = data.transfer;
        if (!transfer?.id) {
          return;
        }
        this.applyTransfer(transfer, data.transition);
        if (!replay && type === 'transfer.incoming') {
          this.announce(`${this.nameOf(transfer.fromAgent)} wants to transfer a call to you.`);
        }
        break;
      }
      case 'transfer.summary':
        if (data.transferId === this.current && data.summary) {
          this.panel.setSummary(data.summary, false);
        }
        break;
      case 'transfer.activity':
        if (data.transferId === this.current) {
          this.panel.setActivity(activityWords[data.type] ?? '');
        }
        break;
      case 'transcript.line':
        this.transcript.addLine(data);
        break;
      case 'call.incoming':
        this.inbox.callIncoming(data);
        if (!replay) {
          this.announce(`Incoming call from ${data.callerName ?? 'a caller'}.`);
        }
        break;
      case 'call.answered':
        this.inbox.callAnswered(data);
        break;
      default:
        break;
    }
    this.renderTitle();
  }

  async onReady() {
    await this.loadRooms().catch((error) => showError(this.view.inboxError, errorMessage(error)));
    // After a reload: follow my own active transfer again (the replay brought its latest state).
    if (!this.current) {
      const mine = Array.from(this.transfers.values()).find(
        (t) => ActiveStates.includes(t.state) && t.fromAgent === this.session.identity,
      );
      if (mine) {
        await this.show(mine.id);
      }
    }
  }

  /** A newer view of a transfer, from an event or a command's answer. */
  applyTransfer(transfer, transition) {
    const previous = this.transfers.get(transfer.id);
    if (previous && previous.version > transfer.version) {
      return; // An older view arriving late.
    }
    this.transfers.set(transfer.id, transfer);
    this.inbox.transferChanged(transfer);
    if (transfer.id !== this.current) {
      return;
    }
    this.panel.setTransfer(transfer);
    this.panel.addTransition(transition);
    if (!previous || previous.state !== transfer.state) {
      this.onStateChanged(transfer);
    }
    this.render();
  }

  /** A `wt.transfer` packet from a room: re-read the transfer if it is news. */
  async onSignal(signal) {
    const known = this.transfers.get(signal.transferId);
    if (signal.transferId !== this.current || known?.state === signal.state) {
      return;
    }
    try {
      const transfer = await this.api.get(`/api/transfers/${encodeURIComponent(signal.transferId)}`);
      this.panel.setTransfer(transfer, transfer.history);
      this.applyTransfer(transfer);
    } catch {
      // The event stream will bring the same change.
    }
  }

  /** What this console does when the transfer it shows changes state. */
  onStateChanged(transfer) {
    const side = transfer.fromAgent === this.session.identity ? 'from' : 'to';
    const other = this.nameOf(side === 'from' ? transfer.toAgent : transfer.fromAgent);
    if (transfer.state === 'Accepted' && side === 'from') {
      // Three-way moment: back to the caller, microphone on again.
      this.handoff.leave().catch(() => {});
      this.call.setInHandoff(false).catch(() => {});
      this.announce(`${other} accepted the transfer.`);
    } else if (!ActiveStates.includes(transfer.state)) {
      if (this.handoff.connected && (side === 'from' || transfer.state !== 'Completed')) {
        this.handoff.leave().catch(() => {});
      }
      if (side === 'from') {
        this.call.setInHandoff(false).catch(() => {});
      }
      this.announce(`Transfer ${stateWord(transfer.state).toLowerCase()}.`);
    }
  }

  // ---- calls -------------------------------------------------------------------------------------------------

  async answer(room) {
    showError(this.view.inboxError, '');
    if (this.call.connected) {
      showError(this.view.inboxError, 'You are already on a call. Leave it before answering another.');
      return;
    }
    try {
      const token = await this.api.post('/api/tokens/agent', { room });
      this.callEndText = '';
      await this.call.connect(token.wsUrl, token.token);
    } catch (error) {
      if (error instanceof ApiError && (error.status === 404 || error.status === 403)) {
        this.inbox.removeCall(room);
      }
      showError(this.view.inboxError, error instanceof ApiError ? error.message : `${errorMessage(error)}`);
      return;
    }
    this.inbox.setBusy({ room: this.call.name, transferId: this.current });
    this.panel.setCall(this.call.name);
    await this.loadAgents().catch(() => {});
    this.render();
    this.view.callMute.focus();
  }

  async leaveCall() {
    const transfer = this.currentTransfer();
    if (transfer?.state === 'Accepted' && transfer.fromAgent === this.session.identity) {
      await this.complete();
      return;
    }
    if (transfer && ['Requested', 'Briefing'].includes(transfer.state) && transfer.fromAgent === this.session.identity) {
      throw new Error('Cancel the transfer before leaving the call: the caller is on hold.');
    }
    await this.call.leave();
  }

  async endCall() {
    const room = this.call.name;
    if (!room) {
      return;
    }
    await this.api.delete(`/api/rooms/${encodeURIComponent(room)}`);
  }

  async invite() {
    const room = this.call.name;
    const name = this.call.callerName;
    const token = await this.api.post(`/api/rooms/${encodeURIComponent(room)}/caller-token`, { name });
    const query = new URLSearchParams({ room });
    if (name) {
      query.set('name', name);
    }
    const fragment = new URLSearchParams({ invite: token.token, url: token.wsUrl });
    this.view.inviteLink.value = `${location.origin}/caller.html?${query}#${fragment}`;
    show(this.view.invite, true);
    this.view.inviteLink.focus();
    this.view.inviteLink.select();
  }

  onCallEnded(reason) {
    const names = livekit().DisconnectReason ?? {};
    const transfer = this.currentTransfer();
    if (reason === names.PARTICIPANT_REMOVED && transfer && transfer.fromAgent === this.session.identity && ['Accepted', 'Completed'].includes(transfer.state)) {
      this.callEndText = `You left the call; it is now with ${this.nameOf(transfer.toAgent)}.`;
    } else if (reason === names.CLIENT_INITIATED) {
      this.callEndText = 'You left the call.';
    } else {
      this.callEndText = `The call ended. ${disconnectReasonText(reason)}`;
    }
    this.announce(this.callEndText);
    this.inbox.setBusy({ room: null, transferId: this.current });
    this.panel.setCall(null);
    show(this.view.invite, false);
    this.loadRooms().catch(() => {});
    this.render();
  }

  // ---- transfers ---------------------------------------------------------------------------------------------

  currentTransfer() {
    return this.current ? this.transfers.get(this.current) ?? null : null;
  }

  /** Shows transfer `id` in the panel, with its full history. */
  async show(id) {
    this.current = id;
    const transfer = await this.api.get(`/api/transfers/${encodeURIComponent(id)}`);
    this.transfers.set(id, transfer);
    this.panel.setTransfer(transfer, transfer.history);
    this.inbox.setBusy({ room: this.call.name, transferId: id });
    this.inbox.transferChanged(transfer);
    this.render();
    return transfer;
  }

  async startTransfer() {
    const toAgent = this.panel.selectedTarget();
    if (!toAgent) {
      throw new Error('Choose an agent who is online.');
    }
    const notes = this.view.notes.value.trim();
    let transfer;
    try {
      transfer = await this.api.command('/api/transfers', { callRoom: this.call.name, toAgent, notes: notes || null });
    } catch (error) {
      // A LiveKit failure still recorded the transfer (as Failed): show it with its history.
      if (error instanceof ApiError && error.problem?.transferId) {
        await this.show(error.problem.transferId).catch(() => {});
      }
      throw error;
    }
    await this.show(transfer.id);
    this.view.notes.value = '';
    if (ActiveStates.includes(this.currentTransfer()?.state)) {
      await this.joinHandoff();
    }
  }

  /** Agent B opens a transfer from the inbox: show it and join its handoff room. */
  async openIncoming(id) {
    if (this.current && this.current !== id && this.panel.active) {
      throw new Error('Finish the transfer you have open first.');
    }
    showError(this.view.transferError, '');
    const transfer = await this.show(id);
    if (['Requested', 'Briefing'].includes(transfer.state)) {
      await this.guard(this.view.transferError, () => this.joinHandoff());
    }
    byId('transfer-heading').scrollIntoView({ block: 'start' });
    const focusTarget = [byId('transfer-accept'), byId('transfer-join'), byId('transfer-dismiss')].find((b) => !b.hidden);
    focusTarget?.focus();
  }

  async joinHandoff() {
    const transfer = this.currentTransfer();
    if (!transfer || this.handoff.connected) {
      return;
    }
    const isFrom = transfer.fromAgent === this.session.identity;
    this.panel.setHandoff({ connecting: true });
    try {
      const token = await this.api.post('/api/tokens/agent', { room: transfer.handoffRoom });
      if (isFrom) {
        // The caller must not hear the briefing: microphone off in the call room before joining.
        await this.call.setInHandoff(true);
      }
      await this.handoff.connect(transfer.id, token.wsUrl, token.token);
      // The transfer may have ended while this page was connecting (cancelled, declined, timed out): its
      // state-change handler found no handoff connection to close, so close it now.
      const now = this.transfers.get(transfer.id) ?? transfer;
      if (!['Requested', 'Briefing'].includes(now.state)) {
        await this.handoff.leave().catch(() => {});
        if (isFrom) {
          await this.call.setInHandoff(false).catch(() => {});
        }
      }
    } catch (error) {
      if (isFrom) {
        await this.call.setInHandoff(false).catch(() => {});
      }
      throw error;
    } finally {
      this.panel.setHandoff({ connecting: false });
    }
    this.renderHandoff();
  }

  onHandoffEnded() {
    const transfer = this.currentTransfer();
    if (transfer?.fromAgent === this.session.identity) {
      this.call.setInHandoff(false).catch(() => {});
    }
    this.renderHandoff();
    this.render();
  }

  async accept() {
    const id = this.current;
    const answer = await this.api.command(`/api/transfers/${encodeURIComponent(id)}/accept`);
    this.applyTransfer(answer.transfer);
    if (answer.moved && this.handoff.connected) {
      await this.adoptMoved(answer.room);
    } else if (!this.call.connected) {
      if (!answer.token) {
        throw new Error('The server moved you into the call, but this page was not in the handoff room. Rejoin the call from Incoming.');
      }
      await this.call.connect(answer.wsUrl, answer.token);
      await this.handoff.leave().catch(() => {});
    }
    this.callEndText = '';
    this.inbox.setBusy({ room: answer.room, transferId: id });
    this.panel.setCall(answer.room);
    this.announce(`You are now on the call.`);
    this.render();
    this.view.callMute.focus();
  }

  /** RoomEvent.Moved in the handoff room: the server moved this connection into the call room. */
  async onMoved(roomName) {
    const transfer = this.currentTransfer();
    if (transfer && roomName === transfer.callRoom) {
      await this.adoptMoved(roomName);
      this.render();
    }
  }

  async adoptMoved(roomName) {
    if (!this.handoff.connected || this.call.connected) {
      return;
    }
    const room = this.handoff.release();
    await this.call.adopt(room, roomName);
    this.inbox.setBusy({ room: roomName, transferId: this.current });
    this.panel.setCall(roomName);
    this.renderHandoff();
  }

  async decline(id) {
    if (!id) {
      return;
    }
    const transfer = await this.api.command(`/api/transfers/${encodeURIComponent(id)}/decline`, {});
    this.applyTransfer(transfer);
    if (this.current === id) {
      await this.handoff.leave().catch(() => {});
    }
    this.announce('You declined the transfer.');
  }

  async cancel() {
    const transfer = await this.api.command(`/api/transfers/${encodeURIComponent(this.current)}/cancel`, {});
    this.applyTransfer(transfer);
  }

  async complete() {
    const transfer = await this.api.command(`/api/transfers/${encodeURIComponent(this.current)}/complete`);
    this.applyTransfer(transfer);
  }

  dismiss() {
    this.current = null;
    this.panel.clear();
    this.inbox.setBusy({ room: this.call.name, transferId: null });
    this.render();
  }

  // ---- rendering ---------------------------------------------------------------------------------------------

  render() {
    this.renderCall();
    this.renderHandoff();
    this.panel.render();
    this.renderTitle();
  }

  renderTitle() {
    const waiting = this.inbox.waitingCount;
    document.title = `${waiting > 0 ? `(${waiting}) ` : ''}Agent console · WarmTransfer`;
  }

  renderCall() {
    const v = this.view;
    const connected = this.call.connected;
    show(v.callControls, connected);
    let text;
    if (!connected) {
      text = this.callEndText || 'Not on a call.';
    } else {
      const caller = this.call.caller();
      const others = this.call.otherAgents().map(displayName);
      if (caller) {
        text = `On a call with ${displayName(caller)}.`;
      } else {
        text = this.call.callerSeen ? 'The caller hung up.' : 'Waiting for the caller to connect…';
      }
      if (others.length > 0) {
        text += ` ${others.join(' and ')} ${others.length > 1 ? 'are' : 'is'} also on the call.`;
      }
      if (this.call.handoffMuted) {
        text += ' The caller is on hold and cannot hear you while you are in the handoff room.';
      }
    }
    if (v.callStatus.textContent !== text) {
      v.callStatus.textContent = text;
    }
    const callerGone = connected && !this.call.caller();
    v.callStatus.dataset.tone = !connected ? (this.callEndText ? 'ended' : 'idle')
      : this.call.handoffMuted ? 'hold'
      : callerGone ? (this.call.callerSeen ? 'ended' : 'idle')
      : 'ok';
    v.callMute.setAttribute('aria-pressed', String(this.call.userMuted));
    v.callMute.disabled = this.call.handoffMuted;
    v.callMicState.textContent = this.call.micUnavailable
      ? 'Microphone unavailable: allow it in the browser and rejoin'
      : this.call.handoffMuted
      ? 'Microphone off in the call (you are in the handoff room)'
      : this.call.userMuted
        ? 'Microphone off (muted)'
        : 'Microphone on';
    const transfer = this.currentTransfer();
    const mine = transfer?.fromAgent === this.session.identity;
    v.callEnd.disabled = !connected || (mine && ActiveStates.includes(transfer.state));
    document.body.dataset.callRoom = this.call.name ?? '';
  }

  renderHandoff() {
    const presence = this.handoff.presence();
    this.panel.setHandoff({ connected: this.handoff.connected, people: presence.people, bot: presence.bot, muted: this.handoff.muted });
    document.body.dataset.handoffRoom = this.handoff.name ?? '';
  }
}
