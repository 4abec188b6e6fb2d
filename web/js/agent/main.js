// The agent console page: sign in (or resume this tab's session), then run the console; sign out; go offline.

import { errorMessage } from '../api.js';
import { byId, show, showError } from '../ui.js';
import { AgentConsole } from './console.js';
import { Session } from './session.js';

const view = {
  signIn: byId('sign-in'),
  form: byId('sign-in-form'),
  identity: byId('identity'),
  password: byId('password'),
  submit: byId('sign-in-button'),
  error: byId('sign-in-error'),
  console: byId('console'),
  who: byId('who'),
  meName: byId('me-name'),
  presence: byId('presence'),
  presenceToggle: byId('presence-toggle'),
  signOut: byId('sign-out'),
};

const presenceWords = { online: 'Online', connecting: 'Connecting…', offline: 'Offline' };
const session = new Session();
let agentConsole = null;
let signingOut = false;
let lastToken = null;

view.form.addEventListener('submit', async (event) => {
  event.preventDefault();
  showError(view.error, '');
  const identity = view.identity.value.trim();
  const password = view.password.value;
  if (!identity || !password) {
    showError(view.error, !identity ? 'Enter your agent login.' : 'Enter your password.');
    (!identity ? view.identity : view.password).focus();
    return;
  }
  view.submit.disabled = true;
  try {
    await session.login(identity, password);
    view.password.value = '';
    await enterConsole();
  } catch (error) {
    showError(view.error, errorMessage(error));
    view.password.select();
    view.password.focus();
  } finally {
    view.submit.disabled = false;
  }
});

view.signOut.addEventListener('click', async () => {
  signingOut = true;
  await leaveConsole();
  session.signOut();
  signingOut = false;
  showSignIn('');
});

view.presenceToggle.addEventListener('click', () => {
  if (!agentConsole) {
    return;
  }
  const goOnline = !agentConsole.events.running;
  agentConsole.setOnline(goOnline);
  renderPresenceToggle();
});

session.onChange(() => {
  if (!session.signedIn) {
    if (agentConsole && !signingOut) {
      leaveConsole().then(() => showSignIn('Your session has ended. Sign in again.'));
    }
    return;
  }
  // A refreshed access token: the event stream carries the token in its URL, so reopen it.
  const token = session.accessToken();
  if (agentConsole && lastToken && token !== lastToken) {
    agentConsole.events.restart();
  }
  lastToken = token;
});

async function enterConsole() {
  lastToken = session.accessToken();
  show(view.signIn, false);
  show(view.console, true);
  show(view.who, true);
  view.meName.textContent = session.name;
  agentConsole = new AgentConsole(session, { onPresence: renderPresence });
  await agentConsole.start();
  renderPresenceToggle();
  byId('inbox-heading').setAttribute('tabindex', '-1');
  byId('inbox-heading').focus();
}

async function leaveConsole() {
  if (agentConsole) {
    const leaving = agentConsole;
    agentConsole = null;
    await leaving.stop();
  }
  show(view.console, false);
  show(view.who, false);
}

function showSignIn(message) {
  show(view.console, false);
  show(view.who, false);
  show(view.signIn, true);
  showError(view.error, message);
  view.identity.focus();
}

function renderPresence(state) {
  show(byId('offline-notice'), state === 'offline');
  view.presence.dataset.state = state;
  view.presence.textContent = presenceWords[state] ?? state;
  renderPresenceToggle();
}

function renderPresenceToggle() {
  const running = agentConsole?.events.running ?? false;
  view.presenceToggle.textContent = running ? 'Go offline' : 'Go online';
}

(async () => {
  try {
    if (await session.restore()) {
      await enterConsole();
      return;
    }
  } catch (error) {
    showSignIn(errorMessage(error));
    return;
  }
  showSignIn('');
})();
