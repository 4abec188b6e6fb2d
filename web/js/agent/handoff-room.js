// The agent's connection to a transfer's handoff room H: both agents talk there and the bot speaks the summary
// (audio) while posting its text as an `lk.transcription` text stream, chunk by chunk. "Repeat summary" is a
// `wt.briefing` data packet `{"action":"repeat"}` to the bot. On accept the server may move Agent B's connection
// from H into the call room (LiveKit's MoveParticipant, RoomEvent.Moved); `release()` hands that connection over.

import {
  connectOwned,
  MicLevelMeter,
  Topics,
  createRoom,
  decodeJson,
  displayName,
  isBot,
  livekit,
  localMicTrack,
  playRemoteAudio,
  publishJson,
} from '../livekit.js';

export class HandoffRoom {
  /**
   * @param options.audio container for <audio> elements.
   * @param options.meter the <meter> showing the microphone level in this room.
   * @param options.onChange participants, mute or connection changed.
   * @param options.onSummary called as `(text, { streaming })` while the bot posts the summary text.
   * @param options.onSignal each `wt.transfer` packet.
   * @param options.onMoved called with the new room's name when the server moved this connection.
   * @param options.onEnded called with livekit's DisconnectReason.
   */
  constructor({ audio, meter, onChange, onSummary, onSignal, onMoved, onEnded }) {
    this.audio = audio;
    this.meter = new MicLevelMeter(meter);
    this.onChange = onChange;
    this.onSummary = onSummary;
    this.onSignal = onSignal;
    this.onMoved = onMoved;
    this.onEnded = onEnded;
    this.connecting = false;
    this.room = null;
    this.transferId = null;
    this.muted = false;
    this.cleanups = [];
  }

  get connected() {
    return Boolean(this.room);
  }

  get name() {
    return this.room?.name ?? null;
  }

  /** Who else is here: people by name, and whether the bot is. */
  presence() {
    if (!this.room) {
      return { people: [], bot: false };
    }
    const remote = Array.from(this.room.remoteParticipants.values());
    return { people: remote.filter((p) => !isBot(p)).map(displayName), bot: remote.some(isBot) };
  }

  async connect(transferId, wsUrl, token) {
    const room = createRoom();
    this.transferId = transferId;
    this.attach(room);
    if (!(await connectOwned(this, room, wsUrl, token))) {
      return;
    }
    this.muted = false;
    try {
      await room.localParticipant.setMicrophoneEnabled(true);
      this.meter.start(localMicTrack(room));
    } catch {
      // Without a microphone the agent can still listen to the briefing.
      this.muted = true;
    }
    this.onChange();
  }

  attach(room) {
    const lk = livekit();
    const E = lk.RoomEvent;
    this.room = room;
    const changed = () => this.onChange();
    const onData = (payload, _participant, _kind, topic) => {
      if (topic === Topics.transfer) {
        const signal = decodeJson(payload);
        if (signal?.transferId && signal?.state) {
          this.onSignal(signal);
        }
      }
    };
    const onMoved = (roomName) => this.onMoved(roomName);
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
      .on(E.Reconnecting, changed)
      .on(E.Reconnected, changed)
      .on(E.DataReceived, onData)
      .on(E.Moved, onMoved)
      .on(E.Disconnected, onDisconnected);
    this.cleanups.push(() => {
      room
        .off(E.ParticipantConnected, changed)
        .off(E.ParticipantDisconnected, changed)
        .off(E.Reconnecting, changed)
        .off(E.Reconnected, changed)
        .off(E.DataReceived, onData)
        .off(E.Moved, onMoved)
        .off(E.Disconnected, onDisconnected);
    });
    // Everything here is for the agents' ears: the other agent and the bot's spoken summary.
    this.cleanups.push(playRemoteAudio(room, this.audio));
    room.registerTextStreamHandler(Topics.transcription, (reader, sender) => this.readSummary(reader, sender));
    this.cleanups.push(() => room.unregisterTextStreamHandler(Topics.transcription));
  }

  /** The bot's text streams are the summary (each stream a full telling; a repeat starts a new one). */
  async readSummary(reader, sender) {
    const participant = this.room?.remoteParticipants.get(sender?.identity);
    const about = reader.info?.attributes?.['lk.transcribed_participant_identity'];
    const fromBot = participant ? isBot(participant) : false;
    if (!fromBot && about && about !== sender?.identity) {
      return; // Someone's speech transcribed in this room, not the summary.
    }
    let text = '';
    try {
      for await (const chunk of reader) {
        text += chunk;
        this.onSummary(text, { streaming: true });
      }
    } catch {
      // Cut short: keep what arrived.
    }
    this.onSummary(text, { streaming: false });
  }

  /** Asks the bot to speak the summary again. */
  async repeatSummary() {
    if (!this.room) {
      throw new Error('You are not in the handoff room.');
    }
    await publishJson(this.room, Topics.briefing, { action: 'repeat' });
  }

  async setMuted(muted) {
    if (!this.room) {
      return;
    }
    this.muted = muted;
    await this.room.localParticipant.setMicrophoneEnabled(!muted);
    if (muted) {
      this.meter.stop();
    } else {
      this.meter.start(localMicTrack(this.room));
    }
    this.onChange();
  }

  /**
   * Takes the agent out of the room at once (audio stopped, panel hidden), then disconnects. The disconnect can
   * take long while the server is deleting the same room, and the page must not show a room it has left.
   */
  async leave() {
    const room = this.room;
    if (!room) {
      return;
    }
    this.detach();
    this.onEnded(livekit().DisconnectReason.CLIENT_INITIATED);
    await room.disconnect().catch(() => {});
  }

  /** Stops handling the room without disconnecting it and returns it (the server moved it into the call room). */
  release() {
    const room = this.room;
    this.detach();
    return room;
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
    this.transferId = null;
  }
}
