// Notifications: callers waiting (from GET /api/rooms plus live `call.incoming` / `call.answered` events) and
// transfers offered to this agent (`transfer.incoming`, kept while the transfer is still active and not yet opened).

import { element, timeElement } from '../ui.js';

// A caller who just started a call may not be in the room yet.
const StillConnectingMs = 60_000;

export class Inbox {
  /**
   * @param view `{ calls, callsEmpty, transfers, transfersEmpty }` list elements.
   * @param actions `{ answer(room, button), rejoin(room, button), joinBriefing(transferId, button), decline(transferId, button) }`.
   * @param nameOf maps an agent identity to a display name.
   */
  constructor(view, actions, nameOf) {
    this.view = view;
    this.actions = actions;
    this.nameOf = nameOf;
    this.me = null;
    this.calls = new Map(); // room -> { room, callerName, agent, since }
    this.transfers = new Map(); // transferId -> transfer view
    this.hiddenRoom = null; // the call this console is on (not offered)
    this.openedTransfer = null; // the transfer shown in the transfer panel (not offered)
  }

  setMe(identity) {
    this.me = identity;
  }

  /** Replaces the calls with the open call rooms from GET /api/rooms that nobody owns, or that this agent owns. */
  setRooms(rooms) {
    const names = new Map(Array.from(this.calls.values(), (c) => [c.room, c.callerName]));
    this.calls.clear();
    for (const room of rooms) {
      if (room.kind !== 'Call' || (room.agent && room.agent !== this.me)) {
        continue;
      }
      // An unowned room nobody is in any more: the caller gave up before anyone answered (or never connected).
      const young = Date.now() - Date.parse(room.createdAt) < StillConnectingMs;
      if (!room.agent && room.numParticipants === 0 && !young) {
        continue;
      }
      this.calls.set(room.name, {
        room: room.name,
        callerName: names.get(room.name) ?? null,
        agent: room.agent ?? null,
        since: room.createdAt,
        people: room.numParticipants,
      });
    }
    this.render();
  }

  callIncoming(event) {
    this.calls.set(event.room, { room: event.room, callerName: event.callerName ?? null, agent: null, since: event.at });
    this.render();
  }

  callAnswered(event) {
    if (event.agent === this.me) {
      const call = this.calls.get(event.room);
      if (call) {
        call.agent = this.me;
      }
    } else {
      this.calls.delete(event.room);
    }
    this.render();
  }

  removeCall(room) {
    this.calls.delete(room);
    this.render();
  }

  /** The latest view of a transfer: offered while active, addressed to me, and not opened. */
  transferChanged(transfer) {
    const active = ['Requested', 'Briefing'].includes(transfer.state);
    if (active && transfer.toAgent === this.me) {
      this.transfers.set(transfer.id, transfer);
    } else {
      this.transfers.delete(transfer.id);
    }
    this.render();
  }

  /** What this console is busy with: that call and that transfer are not offered again. */
  setBusy({ room, transferId }) {
    this.hiddenRoom = room ?? null;
    this.openedTransfer = transferId ?? null;
    this.render();
  }

  /** How many things are waiting for this agent (for the page title). */
  get waitingCount() {
    return this.visibleTransfers().length + this.visibleCalls().filter((c) => !c.agent).length;
  }

  visibleTransfers() {
    return Array.from(this.transfers.values()).filter((t) => t.id !== this.openedTransfer);
  }

  visibleCalls() {
    return Array.from(this.calls.values())
      .filter((c) => c.room !== this.hiddenRoom)
      .sort((a, b) => Date.parse(a.since) - Date.parse(b.since));
  }

  render() {
    const { calls, callsEmpty, transfers, transfersEmpty } = this.view;
    const transferItems = this.visibleTransfers().map((t) => this.transferItem(t));
    transfers.replaceChildren(...transferItems);
    transfersEmpty.hidden = transferItems.length > 0;

    const callItems = this.visibleCalls().map((c) => this.callItem(c));
    calls.replaceChildren(...callItems);
    callsEmpty.hidden = callItems.length > 0;
  }

  transferItem(transfer) {
    const item = element('li');
    item.dataset.transfer = transfer.id;
    const what = element('div', { className: 'what' });
    const from = this.nameOf(transfer.fromAgent);
    what.append(element('strong', { text: `${from} wants to transfer a call to you.` }), document.createElement('br'));
    const when = element('span', { className: 'muted', text: 'Requested at ' });
    when.append(timeElement(transfer.createdAt));
    what.append(when);
    const actions = element('div', { className: 'actions' });
    const join = element('button', { text: 'Join briefing' });
    join.type = 'button';
    join.setAttribute('aria-label', `Join the briefing for the transfer from ${from}`);
    join.addEventListener('click', () => this.actions.joinBriefing(transfer.id, join));
    const decline = element('button', { className: 'danger', text: 'Decline' });
    decline.type = 'button';
    decline.setAttribute('aria-label', `Decline the transfer from ${from}`);
    decline.addEventListener('click', () => this.actions.decline(transfer.id, decline));
    actions.append(join, decline);
    item.append(what, actions);
    return item;
  }

  callItem(call) {
    const item = element('li');
    item.dataset.room = call.room;
    const what = element('div', { className: 'what' });
    const who = call.callerName ?? 'a caller';
    const mine = call.agent === this.me;
    const headline = mine ? `Your call with ${who}` : `${call.callerName ?? 'A caller'} is waiting`;
    what.append(element('strong', { text: headline }), document.createElement('br'));
    const since = element('span', { className: 'muted', text: 'Since ' });
    since.append(timeElement(call.since));
    what.append(since);
    const button = element('button', { text: mine ? 'Rejoin' : 'Answer' });
    button.type = 'button';
    button.setAttribute('aria-label', mine ? `Rejoin your call with ${who}` : `Answer the call from ${who}`);
    button.addEventListener('click', () => (mine ? this.actions.rejoin(call.room, button) : this.actions.answer(call.room, button)));
    item.append(what, button);
    return item;
  }
}
