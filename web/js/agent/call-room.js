// The agent's connection to the call room R: join with a token (or take over a connection the server moved here
// from the handoff room), play the caller (never the bot's `hold` track), publish the microphone, mute, show the
// level, feed the live transcript, and report `wt.transfer` packets and who is in the room.
//
// Two independent reasons turn the microphone off: the agent's own Mute, and being in the handoff room (the caller
// must not hear the briefing). The microphone is on only when neither applies.

import {
  connectOwned,
  HoldTrackName,
  MicLevelMeter,
  Topics,
  createRoom,
  decodeJson,
  displayName,
  isBot,
  livekit,
  localMicTrack,
  playRemoteAudio,
} from '../livekit.js';
import { listenForTranscription } from './transcript.js';

const RoleAttribute = 'wt.role';

export class CallRoom {
  /**
   * @param options.audio container for <audio> elements.
   * @param options.meter the <meter> showing the microphone level.
   * @param options.transcript the TranscriptView.
   * @param options.onChange called when participants, mute or connection change.
   * @param options.onSignal called with each `wt.transfer` packet `{transferId, state, handoffRoom, reason}`.
   * @param options.onEnded called with livekit's DisconnectReason when the connection ends.
   */
  constructor({ audio, meter, transcript, onChange, onSignal, onEnded }) {
    this.audio = audio;
    this.meter = new MicLevelMeter(meter);
    this.transcript = transcript;
    this.onChange = onChange;
    this.onSignal = onSignal;
    this.onEnded = onEnded;
    this.connecting = false;
    this.room = null;
    this.roomName = null;
    this.userMuted = false;
    this.handoffMuted = false;
    this.callerSeen = false;
    this.callerName = null; // remembered after the caller leaves, for an invitation back
    this.micUnavailable = false;
    this.cleanups = [];
  }

  get connected() {
    return Boolean(this.room);
  }

  /** The call room's name (known before livekit reports it when a moved connection is adopted). */
  get name() {
    return this.room ? this.roomName ?? this.room.name : null;
  }

  get micOn() {
    return Boolean(this.room?.localParticipant.isMicrophoneEnabled);
  }

  /** The caller's participant (token attribute wt.role=caller), if in the room. */
  caller() {
    if (!this.room) {
      return null;
    }
    for (const participant of this.room.remoteParticipants.values()) {
      if (this.roleOf(participant.identity) === 'caller') {
        return participant;
      }
    }
    return null;
  }

  /** The other agents (people who are not the caller). */
  otherAgents() {
    if (!this.room) {
      return [];
    }
    return Array.from(this.room.remoteParticipants.values()).filter(
      (p) => !isBot(p) && this.roleOf(p.identity) !== 'caller',
    );
  }

  roleOf(identity) {
    const participant = this.room?.remoteParticipants.get(identity);
    if (!participant) {
      return identity === this.room?.localParticipant.identity ? 'agent' : 'unknown';
    }
    if (isBot(participant)) {
      return 'bot';
    }
    const role = participant.attributes?.[RoleAttribute];
    if (role) {
      return role === 'admin' ? 'agent' : role;
    }
    return 'unknown';
  }

  async connect(wsUrl, token) {
    const room = createRoom();
    this.attach(room);
    if (!(await connectOwned(this, room, wsUrl, token))) {
      return;
    }
    this.roomName = room.name;
    await this.afterJoin();
  }

  /**
   * Takes over `room`, a connection the server moved here from the handoff room (`roomName` is the call room; the
   * Moved event may still be on its way).
   */
  async adopt(room, roomName) {
    this.attach(room);
    this.roomName = roomName;
    await this.afterJoin();
  }

  attach(room) {
    const lk = livekit();
    const E = lk.RoomEvent;
    this.room = room;
    this.callerSeen = false;
    this.callerName = null;
    const changed = () => this.changed();
    const onMoved = (name) => {
      this.roomName = name;
      this.transcript.setRoom(name);
      this.changed();
    };
    const onData = (payload, _participant, _kind, topic) => {
      if (topic === Topics.transfer) {
        const signal = decodeJson(payload);
        if (signal?.transferId && signal?.state) {
          this.onSignal(signal);
        }
      }
    };
    const onDisconnected = (reason) => {
      if (this.connecting) {
        // Either connect() fails (and throws to its caller) or it returns into a room already ended: it checks this.
        this.endedWhileConnecting = { reason };
        return;
      }
      this.detach();
      this.onEnded(reason);
    };
    room
      .on(E.ParticipantConnected, changed)
      .on(E.ParticipantDisconnected, changed)
      .on(E.ParticipantNameChanged, changed)
      .on(E.ParticipantAttributesChanged, changed)
      .on(E.Reconnecting, changed)
      .on(E.Reconnected, changed)
      .on(E.Moved, onMoved)
      .on(E.DataReceived, onData)
      .on(E.Disconnected, onDisconnected);
    this.cleanups.push(() => {
      room
        .off(E.ParticipantConnected, changed)
        .off(E.ParticipantDisconnected, changed)
        .off(E.ParticipantNameChanged, changed)
        .off(E.ParticipantAttributesChanged, changed)
        .off(E.Reconnecting, changed)
        .off(E.Reconnected, changed)
        .off(E.Moved, onMoved)
        .off(E.DataReceived, onData)
        .off(E.Disconnected, onDisconnected);
    });
    this.cleanups.push(playRemoteAudio(room, this.audio, (publication) => publication.trackName === HoldTrackName));
    this.cleanups.push(listenForTranscription(room, Topics.transcription, this.transcript, (id) => this.roleOf(id)));
  }

  async afterJoin() {
    this.transcript.setRoom(this.name);
    this.learnNames();
    try {
      await this.applyMic();
      this.micUnavailable = false;
    } catch {
      // Without a microphone the agent still hears the caller; the console says so.
      this.micUnavailable = true;
    }
    this.changed();
  }

  changed() {
    this.learnNames();
    const caller = this.caller();
    if (caller) {
      this.callerSeen = true;
      this.callerName = displayName(caller);
    }
    this.onChange();
  }

  learnNames() {
    if (!this.room) {
      return;
    }
    const local = this.room.localParticipant;
    this.transcript.setName(local.identity, displayName(local));
    for (const participant of this.room.remoteParticipants.values()) {
      this.transcript.setName(participant.identity, displayName(participant));
    }
  }

  /** The agent's own mute. */
  async setMuted(muted) {
    this.userMuted = muted;
    await this.applyMic();
    this.onChange();
  }

  /** While in the handoff room the microphone in the call room is off, whatever the agent's own mute says. */
  async setInHandoff(inHandoff) {
    this.handoffMuted = inHandoff;
    await this.applyMic();
    this.onChange();
  }

  async applyMic() {
    if (!this.room) {
      return;
    }
    const on = !this.userMuted && !this.handoffMuted;
    await this.room.localParticipant.setMicrophoneEnabled(on);
    if (on) {
      this.meter.start(localMicTrack(this.room));
    } else {
      this.meter.stop();
    }
  }

  /** Out of the call at once for the agent, then disconnects (which can take long while the server ends the room). */
  async leave() {
    const room = this.room;
    if (!room) {
      return;
    }
    this.detach();
    this.onEnded(livekit().DisconnectReason.CLIENT_INITIATED);
    await room.disconnect().catch(() => {});
  }

  detach() {
    for (const cleanup of this.cleanups.splice(0)) {
      try {
        cleanup();
      } catch {
        // Already gone with the room.
      }
    }
    this.meter.stop();
    this.room = null;
    this.roomName = null;
    this.handoffMuted = false;
  }
}
