// The agent's live event stream (GET /api/events, server-sent events). Being connected is what makes the agent
// "online" for colleagues' transfer pickers. The stream first replays stored events (transfers, transcript lines),
// then sends `ready`, then live events; a reconnect resumes after the last event id. EventSource cannot send
// headers, so the session token goes in `?access_token=`; when it changes (refresh) the stream is reopened.

/** Event names the console handles (AgentEventTypes in the control API). */
export const EventTypes = Object.freeze([
  'transfer.incoming',
  'transfer.state',
  'transfer.summary',
  'transfer.activity',
  'transcript.line',
  'call.incoming',
  'call.answered',
]);

export class AgentEventStream {
  /**
   * @param session the console Session (access token, refresh).
   * @param onEvent called as `onEvent(type, data, { replay })` for every event; `replay` is true before `ready`.
   * @param onReady called after each (re)connection's replay.
   * @param onPresence called with 'connecting' | 'online' | 'offline'.
   */
  constructor(session, { onEvent, onReady, onPresence }) {
    this.session = session;
    this.onEvent = onEvent;
    this.onReady = onReady;
    this.onPresence = onPresence;
    this.source = null;
    this.lastEventId = null;
    this.replaying = true;
    this.retryTimer = 0;
    this.retryDelay = 1000;
    this.wanted = false;
  }

  get running() {
    return this.wanted;
  }

  start() {
    this.wanted = true;
    this.open();
  }

  stop() {
    this.wanted = false;
    clearTimeout(this.retryTimer);
    this.close();
    this.onPresence('offline');
  }

  /** Reopens with the current access token (after a refresh), resuming after the last event. */
  restart() {
    if (this.wanted) {
      this.close();
      this.open();
    }
  }

  open() {
    this.close();
    const token = this.session.accessToken();
    if (!token) {
      this.stop();
      return;
    }
    const query = new URLSearchParams({ access_token: token });
    if (this.lastEventId) {
      query.set('lastEventId', this.lastEventId);
    }
    this.replaying = true;
    this.onPresence('connecting');
    const source = new EventSource(`/api/events?${query}`);
    this.source = source;

    source.addEventListener('ready', () => {
      this.replaying = false;
      this.retryDelay = 1000;
      this.onPresence('online');
      this.onReady();
    });
    for (const type of EventTypes) {
      source.addEventListener(type, (message) => {
        if (message.lastEventId) {
          this.lastEventId = message.lastEventId;
        }
        let data;
        try {
          data = JSON.parse(message.data);
        } catch {
          return;
        }
        this.onEvent(type, data, { replay: this.replaying });
      });
    }
    source.addEventListener('error', () => {
      if (source !== this.source) {
        return;
      }
      if (source.readyState === EventSource.CONNECTING) {
        // The browser reconnects by itself and sends Last-Event-ID; the replay then runs again up to `ready`.
        this.replaying = true;
        this.onPresence('connecting');
        return;
      }
      // Closed: the server refused (an expired session answers 401) or went away. Refresh and retry with backoff.
      this.close();
      this.onPresence('connecting');
      clearTimeout(this.retryTimer);
      this.retryTimer = setTimeout(async () => {
        if (!this.wanted) {
          return;
        }
        if (await this.session.refresh()) {
          this.open();
        } else {
          this.stop();
        }
      }, this.retryDelay);
      this.retryDelay = Math.min(this.retryDelay * 2, 30_000);
    });
  }

  close() {
    if (this.source) {
      this.source.close();
      this.source = null;
    }
  }
}
