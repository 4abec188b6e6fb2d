// Helpers over livekit-client (the UMD build served at /vendor/livekit-client.umd.js, global `LivekitClient`):
// creating rooms, telling the bot apart, playing remote audio, a microphone level meter, data packets, and words
// for why a room ended.

/** Topics and names shared with the control API and the bot (docs/development.md, "Seams between components"). */
export const Topics = Object.freeze({
  transfer: 'wt.transfer',
  briefing: 'wt.briefing',
  transcription: 'lk.transcription',
});

/** The bot's hold-music track in the call room: callers play it, agents never do. */
export const HoldTrackName = 'hold';

/** Transfer states in which the caller is on hold. */
export const HoldStates = Object.freeze(['Requested', 'Briefing']);

/** The livekit-client namespace; a clear error when the vendor script did not load. */
export function livekit() {
  const client = globalThis.LivekitClient;
  if (!client) {
    throw new Error('The LiveKit browser client did not load; reload the page. If this persists, run scripts/setup.sh on the server.');
  }
  return client;
}

/** A room configured for voice: no video adaptations, the library quiet except for real problems. */
export function createRoom() {
  const lk = livekit();
  lk.setLogLevel(lk.LogLevel.error);
  return new lk.Room({
    // The classic signalling path (/rtc, a publisher and a subscriber connection), which every LiveKit server and
    // our dev server speak. With the default single connection the client first tries /rtc/v1, which servers
    // without it answer 404 (logged by the browser as errors) before it falls back.
    singlePeerConnection: false,
    adaptiveStream: false,
    dynacast: false,
    disconnectOnPageLeave: true,
    audioCaptureDefaults: { echoCancellation: true, noiseSuppression: true, autoGainControl: true },
    // The bot transcribes what it hears: at 64 kb/s without DTX the offline recogniser's word error rate on the
    // call stays under 10 % (17 % at the lower default bitrate), for little more bandwidth on a voice call.
    publishDefaults: { audioPreset: { maxBitrate: 64_000 }, dtx: false },
  });
}

/**
 * Connects `room`, which `owner` (a CallRoom or HandoffRoom) has attached as `owner.room`. While connect() runs,
 * the owner's Disconnected handler only records `owner.endedWhileConnecting = { reason }`: the server may end the room
 * then, and that one event never comes again. Resolves true when the owner should go on in the joined room; false when
 * it left meanwhile or the room ended during connect() (the owner is then detached and told through `onEnded`).
 */
export async function connectOwned(owner, room, wsUrl, token) {
  owner.connecting = true;
  owner.endedWhileConnecting = null;
  try {
    await room.connect(wsUrl, token);
  } catch (error) {
    if (owner.room === room) {
      owner.detach();
    }
    throw error;
  } finally {
    owner.connecting = false;
  }
  if (owner.room !== room) {
    room.disconnect().catch(() => {}); // Left while connecting: do not stay in a room nobody shows.
    return false;
  }
  if (owner.endedWhileConnecting !== null) {
    const { reason } = owner.endedWhileConnecting;
    owner.detach();
    room.disconnect().catch(() => {});
    owner.onEnded(reason);
    return false;
  }
  return true;
}

/** The transfer bot (an agent-kind participant, hidden from the caller's list of people). */
export function isBot(participant) {
  if (!participant) {
    return false;
  }
  if (typeof participant.isAgent === 'boolean') {
    return participant.isAgent;
  }
  return participant.kind === livekit().ParticipantKind?.AGENT;
}

/** The name to show for a participant. */
export function displayName(participant) {
  return participant?.name?.trim() || participant?.identity || 'someone';
}

/** The remote participants who are people (not the bot), earliest joined first. */
export function people(room) {
  return Array.from(room.remoteParticipants.values())
    .filter((p) => !isBot(p))
    .sort((a, b) => (a.joinedAt?.getTime?.() ?? 0) - (b.joinedAt?.getTime?.() ?? 0));
}

/**
 * Plays every remote audio track of `room` into `container` (hidden <audio> elements), except those `skip` rejects.
 * Returns a function that stops playing and removes the listeners.
 */
export function playRemoteAudio(room, container, skip = () => false) {
  const lk = livekit();
  const elements = new Map();
  const onSubscribed = (track, publication, participant) => {
    if (track.kind !== lk.Track.Kind.Audio || skip(publication, participant)) {
      return;
    }
    const element = track.attach();
    element.dataset.participant = participant.identity;
    element.dataset.track = publication.trackName ?? '';
    container.append(element);
    elements.set(track.sid ?? publication.trackSid, { track, element });
  };
  const onUnsubscribed = (track, publication) => {
    const key = track.sid ?? publication.trackSid;
    const entry = elements.get(key);
    if (entry) {
      entry.track.detach(entry.element);
      entry.element.remove();
      elements.delete(key);
    }
  };
  room.on(lk.RoomEvent.TrackSubscribed, onSubscribed);
  room.on(lk.RoomEvent.TrackUnsubscribed, onUnsubscribed);
  for (const participant of room.remoteParticipants.values()) {
    for (const publication of participant.trackPublications.values()) {
      if (publication.track && publication.isSubscribed) {
        onSubscribed(publication.track, publication, participant);
      }
    }
  }
  return () => {
    room.off(lk.RoomEvent.TrackSubscribed, onSubscribed);
    room.off(lk.RoomEvent.TrackUnsubscribed, onUnsubscribed);
    for (const { track, element } of elements.values()) {
      track.detach(element);
      element.remove();
    }
    elements.clear();
  };
}

/**
 * Shows the level of a local microphone track on a <meter> (0..1, a dBFS scale from -60 to 0). Muted tracks read 0.
 * Call `stop()` when the track goes away.
 */
export class MicLevelMeter {
  constructor(meter) {
    this.meter = meter;
    this.context = null;
    this.timer = 0;
  }

  start(mediaStreamTrack) {
    this.stop();
    if (!mediaStreamTrack || !globalThis.AudioContext) {
      return;
    }
    const context = new AudioContext();
    const source = context.createMediaStreamSource(new MediaStream([mediaStreamTrack]));
    const analyser = context.createAnalyser();
    analyser.fftSize = 1024;
    source.connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    this.context = context;
    context.resume().catch(() => {});
    this.timer = setInterval(() => {
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const s of samples) {
        sum += s * s;
      }
      const rms = Math.sqrt(sum / samples.length);
      const db = rms > 0 ? 20 * Math.log10(rms) : -Infinity;
      const level = mediaStreamTrack.enabled && !mediaStreamTrack.muted ? Math.max(0, Math.min(1, (db + 60) / 60)) : 0;
      this.meter.value = Math.round(level * 100) / 100;
    }, 100);
  }

  stop() {
    clearInterval(this.timer);
    this.timer = 0;
    if (this.context) {
      this.context.close().catch(() => {});
      this.context = null;
    }
    this.meter.value = 0;
  }
}

/** The local microphone's MediaStreamTrack, if published. */
export function localMicTrack(room) {
  const lk = livekit();
  return room.localParticipant.getTrackPublication(lk.Track.Source.Microphone)?.track?.mediaStreamTrack ?? null;
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** A data packet's JSON body, or null when it is not JSON. */
export function decodeJson(payload) {
  try {
    return JSON.parse(decoder.decode(payload));
  } catch {
    return null;
  }
}

/** Sends a JSON data packet, reliably, on `topic`. */
export function publishJson(room, topic, value) {
  return room.localParticipant.publishData(encoder.encode(JSON.stringify(value)), { reliable: true, topic });
}

/** Words for why a room connection ended, from livekit's DisconnectReason. */
export function disconnectReasonText(reason) {
  const names = livekit().DisconnectReason ?? {};
  switch (reason) {
    case names.CLIENT_INITIATED:
      return 'You left.';
    case names.DUPLICATE_IDENTITY:
      return 'You joined from another window, so this one was disconnected.';
    case names.SERVER_SHUTDOWN:
      return 'The media server shut down.';
    case names.PARTICIPANT_REMOVED:
      return 'You were removed from the room.';
    case names.ROOM_DELETED:
    case names.ROOM_CLOSED:
      return 'The call was closed.';
    case names.JOIN_FAILURE:
    case names.CONNECTION_TIMEOUT:
      return 'The connection to the media server failed.';
    case names.SIGNAL_CLOSE:
      return 'The connection to the media server was lost.';
    default:
      return 'The connection ended.';
  }
}

/** Words for a failed `room.connect()`. */
export function connectErrorText(error) {
  const text = error?.message ? String(error.message) : '';
  if (/permission|NotAllowedError/i.test(text) || error?.name === 'NotAllowedError') {
    return 'The browser did not allow the microphone. Allow it in the address bar and try again.';
  }
  if (/NotFoundError|Requested device not found/i.test(text) || error?.name === 'NotFoundError') {
    return 'No microphone was found. Connect one and try again.';
  }
  return 'Could not connect to the media server. Check your connection and try again.';
}
