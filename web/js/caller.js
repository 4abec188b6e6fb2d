// The caller's page: start a call (POST /api/calls) or join by an agent's invitation link, talk, mute, see the
// microphone level, and always know what is happening. During a transfer the caller never leaves the call room:
// the control API's `wt.transfer` packets say when they are on hold, and the bot's `hold` track plays meanwhile.

import { ApiClient, errorMessage } from './api.js';
import {
  HoldStates,
  HoldTrackName,
  MicLevelMeter,
  Topics,
  connectErrorText,
  createRoom,
  decodeJson,
  disconnectReasonText,
  displayName,
  isBot,
  livekit,
  localMicTrack,
  playRemoteAudio,
} from './livekit.js';
import { byId, show, showError } from './ui.js';

const api = new ApiClient();
const view = {
  start: byId('start'),
  startHeading: byId('start-heading'),
  startIntro: byId('start-intro'),
  form: byId('start-form'),
  name: byId('caller-name'),
  startButton: byId('start-call'),
  startError: byId('start-error'),
  call: byId('call'),
  status: byId('call-status'),
  meter: byId('mic-level'),
  micState: byId('mic-state'),
  mute: byId('mute'),
  enableAudio: byId('enable-audio'),
  end: byId('end-call'),
  callError: byId('call-error'),
  newCall: byId('new-call'),
  audio: byId('audio'),
};

/** Everything the status line is computed from. */
const state = {
  phase: 'idle', // idle | connecting | connected | reconnecting | ended
  endedText: '',
  transferState: null, // the last wt.transfer state, once one arrived
  holdTrackLive: false,
  agentsBeforeTransfer: null, // identities with the caller when the current transfer began
  arrivals: new Map(), // identity -> order seen, so "the newest agent" is the one who answered last
  arrivalCounter: 0,
};

let room = null;
let stopAudio = () => {};
const meter = new MicLevelMeter(view.meter);
const link = readLink();
prepareStartForm();

view.form.addEventListener('submit', (event) => {
  event.preventDefault();
  startCall();
});
view.mute.addEventListener('click', toggleMute);
view.end.addEventListener('click', () => room?.disconnect());
view.enableAudio.addEventListener('click', () => room?.startAudio().then(renderAudioButton).catch(() => {}));
view.newCall.addEventListener('click', resetForNewCall);

/** `?name=` fills the name; `?room=` with `#invite=<token>&url=<ws url>` joins an agent's call. */
function readLink() {
  const query = new URLSearchParams(location.search);
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
  return {
    name: query.get('name')?.trim() ?? '',
    room: query.get('room')?.trim() ?? '',
    invite: fragment.get('invite') ?? '',
    url: fragment.get('url') ?? '',
  };
}

function prepareStartForm() {
  view.name.value = link.name;
  if (link.room && link.invite && link.url) {
    view.startHeading.textContent = 'Join your call';
    view.startIntro.textContent = link.name
      ? `Your agent invited you, ${link.name}, back to your call. Join when you are ready.`
      : 'Your agent invited you to a call. Join when you are ready.';
    view.startButton.textContent = 'Join call';
    // The invitation already carries the name the agent sees.
    show(view.name.closest('.field'), false);
  } else if (link.room) {
    view.startIntro.textContent = 'This link names a call but carries no invitation, so it cannot join that call. Ask your agent for a new link, or start a new call here.';
  }
}

async function startCall() {
  showError(view.startError, '');
  const name = view.name.value.trim();
  view.startButton.disabled = true;
  state.phase = 'connecting';
  render();
  try {
    const joinInvite = link.room && link.invite && link.url;
    const access = joinInvite
      ? { room: link.room, token: link.invite, wsUrl: link.url }
      : await api.post('/api/calls', { name: name || null });
    show(view.start, false);
    show(view.call, true);
    await join(access);
  } catch (error) {
    state.phase = 'idle';
    show(view.call, false);
    show(view.start, true);
    showError(view.startError, errorMessage(error));
    view.startButton.disabled = false;
    view.startButton.focus();
  }
}

async function join(access) {
  const lk = livekit();
  resetState();
  state.phase = 'connecting';
  room = createRoom();
  wire(room, lk);
  try {
    await room.connect(access.wsUrl, access.token);
  } catch (error) {
    // The failed attempt's own Disconnected event must not turn the page into "call ended".
    room.removeAllListeners();
    room = null;
    throw new Error(connectErrorText(error));
  }

  document.body.dataset.callRoom = room.name;
  state.phase = 'connected';
  for (const participant of room.remoteParticipants.values()) {
    noteArrival(participant);
  }
  stopAudio = playRemoteAudio(room, view.audio);
  render();
  renderAudioButton();
  view.end.focus();

  try {
    await room.localParticipant.setMicrophoneEnabled(true);
    meter.start(localMicTrack(room));
    renderMic();
  } catch (error) {
    showError(view.callError, `${connectErrorText(error)} You can still hear the call.`);
    view.mute.disabled = true;
    view.micState.textContent = 'Microphone unavailable';
  }
}

function wire(target, lk) {
  const E = lk.RoomEvent;
  target
    .on(E.ParticipantConnected, (participant) => {
      noteArrival(participant);
      render();
    })
    .on(E.ParticipantDisconnected, render)
    .on(E.ParticipantNameChanged, render)
    .on(E.DataReceived, (payload, _participant, _kind, topic) => {
      if (topic !== Topics.transfer) {
        return;
      }
      const signal = decodeJson(payload);
      if (signal && typeof signal.state === 'string') {
        onTransferSignal(signal.state);
      }
    })
    .on(E.TrackSubscribed, (_track, publication) => {
      if (publication.trackName === HoldTrackName) {
        state.holdTrackLive = !publication.isMuted;
        render();
      }
    })
    .on(E.TrackUnsubscribed, (_track, publication) => {
      if (publication.trackName === HoldTrackName) {
        state.holdTrackLive = false;
        render();
      }
    })
    .on(E.TrackMuted, (publication) => {
      if (publication.trackName === HoldTrackName) {
        state.holdTrackLive = false;
        render();
      }
    })
    .on(E.TrackUnmuted, (publication) => {
      if (publication.trackName === HoldTrackName) {
        state.holdTrackLive = true;
        render();
      }
    })
    .on(E.AudioPlaybackStatusChanged, renderAudioButton)
    .on(E.Reconnecting, () => {
      state.phase = 'reconnecting';
      render();
    })
    .on(E.Reconnected, () => {
      state.phase = 'connected';
      render();
    })
    .on(E.Disconnected, (reason) => {
      if (state.phase === 'connecting') {
        return; // A failed connect: join() reports it.
      }
      state.phase = 'ended';
      state.endedText = endedText(reason, lk);
      meter.stop();
      stopAudio();
      stopAudio = () => {};
      room = null;
      render();
    });
}

function onTransferSignal(transferState) {
  state.transferState = transferState;
  if (HoldStates.includes(transferState)) {
    // Who was with the caller when the transfer began: the new agent is anyone else who arrives after.
    state.agentsBeforeTransfer ??= new Set(currentAgents().map((p) => p.identity));
  } else if (transferState !== 'Accepted') {
    state.agentsBeforeTransfer = null;
  }
  render();
}

function noteArrival(participant) {
  if (!state.arrivals.has(participant.identity)) {
    state.arrivals.set(participant.identity, ++state.arrivalCounter);
  }
}

/** The people in the call other than the caller, in the order they arrived. */
function currentAgents() {
  if (!room) {
    return [];
  }
  return Array.from(room.remoteParticipants.values())
    .filter((p) => !isBot(p))
    .sort((a, b) => (state.arrivals.get(a.identity) ?? 0) - (state.arrivals.get(b.identity) ?? 0));
}

function endedText(reason, lk) {
  const names = lk.DisconnectReason ?? {};
  if (reason === names.CLIENT_INITIATED) {
    return 'Call ended. You hung up.';
  }
  if (reason === names.ROOM_DELETED || reason === names.ROOM_CLOSED) {
    return 'Call ended. The agent closed the call.';
  }
  return `Call ended. ${disconnectReasonText(reason)}`;
}

/** The status line: one sentence saying what is happening now. */
function statusOf() {
  switch (state.phase) {
    case 'idle':
    case 'connecting':
      return { text: 'Connecting…', tone: '' };
    case 'reconnecting':
      return { text: 'Connection lost; reconnecting…', tone: 'hold' };
    case 'ended':
      return { text: state.endedText || 'Call ended.', tone: 'ended' };
    default:
      break;
  }

  const onHold = state.transferState !== null ? HoldStates.includes(state.transferState) : state.holdTrackLive;
  if (onHold) {
    return { text: 'On hold: you are being transferred. Please stay on the line.', tone: 'hold' };
  }
  const agents = currentAgents();
  const before = state.agentsBeforeTransfer;
  if (state.transferState === 'Accepted' && before && !agents.some((p) => !before.has(p.identity))) {
    return { text: 'Connecting you to your new agent…', tone: 'hold' };
  }
  if (agents.length === 0) {
    return { text: 'Connected. Waiting for an agent to answer…', tone: '' };
  }
  const newest = agents[agents.length - 1];
  const others = agents.slice(0, -1).map(displayName);
  const also = others.length > 0 ? ` ${others.join(' and ')} ${others.length > 1 ? 'are' : 'is'} also on the call.` : '';
  return { text: `Connected to ${displayName(newest)}.${also}`, tone: 'ok' };
}

function render() {
  const status = statusOf();
  if (view.status.textContent !== status.text) {
    view.status.textContent = status.text;
  }
  view.status.dataset.tone = status.tone;
  document.body.dataset.phase = state.phase;
  const inCall = state.phase === 'connected' || state.phase === 'reconnecting' || state.phase === 'connecting';
  show(view.mute, inCall && state.phase !== 'connecting');
  show(view.end, inCall);
  show(view.newCall, state.phase === 'ended');
  show(view.micState.parentElement, inCall);
  if (state.phase === 'ended') {
    show(view.enableAudio, false);
    view.newCall.focus();
  }
}

function renderMic() {
  const enabled = room?.localParticipant.isMicrophoneEnabled ?? false;
  view.mute.setAttribute('aria-pressed', String(!enabled));
  view.micState.textContent = enabled ? 'Microphone on' : 'Microphone off (muted)';
}

function renderAudioButton() {
  show(view.enableAudio, Boolean(room) && !room.canPlaybackAudio);
}

async function toggleMute() {
  if (!room) {
    return;
  }
  const enable = !room.localParticipant.isMicrophoneEnabled;
  try {
    await room.localParticipant.setMicrophoneEnabled(enable);
    showError(view.callError, '');
    if (enable) {
      meter.start(localMicTrack(room));
    }
  } catch (error) {
    showError(view.callError, connectErrorText(error));
  }
  renderMic();
}

function resetState() {
  state.endedText = '';
  state.transferState = null;
  state.holdTrackLive = false;
  state.agentsBeforeTransfer = null;
  state.arrivals.clear();
  state.arrivalCounter = 0;
  view.mute.disabled = false;
  showError(view.callError, '');
}

function resetForNewCall() {
  state.phase = 'idle';
  link.room = '';
  link.invite = '';
  link.url = '';
  history.replaceState(null, '', location.pathname + (link.name ? `?name=${encodeURIComponent(link.name)}` : ''));
  view.startHeading.textContent = 'Start a call';
  view.startIntro.textContent = 'Tell us your name and we will connect you to the next available agent.';
  view.startButton.textContent = 'Start call';
  view.startButton.disabled = false;
  show(view.name.closest('.field'), true);
  show(view.call, false);
  show(view.start, true);
  view.name.focus();
}
