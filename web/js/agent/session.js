// The agent's console session: log in (POST /api/auth/login), keep the tokens for this tab (sessionStorage, so a
// reload stays signed in but another tab or a closed browser does not), refresh before the access token expires
// (POST /api/auth/refresh), and sign out.

import { ApiClient } from '../api.js';

const storageKey = 'wt.session';
// Refresh this long before the access token expires, so a request never goes out with a token about to lapse.
const refreshMargin = 120_000;

export class Session {
  constructor() {
    this.data = null;
    this.timer = 0;
    this.refreshing = null;
    this.listeners = new Set();
    this.api = new ApiClient({ session: this });
    this.anonymous = new ApiClient();
  }

  get identity() {
    return this.data?.identity ?? null;
  }

  get name() {
    return this.data?.name ?? this.data?.identity ?? '';
  }

  get signedIn() {
    return Boolean(this.data);
  }

  accessToken() {
    return this.data?.accessToken ?? null;
  }

  /** Calls `listener(session)` after every login, refresh and sign-out. */
  onChange(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The session this tab had, if it is still accepted by the server (refreshed if its access token expired). */
  async restore() {
    let stored = null;
    try {
      stored = JSON.parse(sessionStorage.getItem(storageKey) ?? 'null');
    } catch {
      stored = null;
    }
    if (!stored?.accessToken || !stored?.refreshToken) {
      return false;
    }
    this.data = stored;
    if (Date.parse(stored.expiresAt) - Date.now() < refreshMargin && !(await this.refresh())) {
      return false;
    }
    try {
      const me = await this.api.get('/api/auth/me');
      this.set({ ...this.data, identity: me.identity, name: me.name, role: me.role });
      return true;
    } catch {
      this.clear();
      return false;
    }
  }

  /** Logs in; throws ApiError with the server's words ("The identity or password is wrong.") on failure. */
  async login(identity, password) {
    const session = await this.anonymous.post('/api/auth/login', { identity, password });
    this.set(session);
  }

  /** A new access token from the refresh token; false (and signed out) when the server refuses it. */
  refresh() {
    if (!this.data?.refreshToken) {
      return Promise.resolve(false);
    }
    this.refreshing ??= this.anonymous
      .post('/api/auth/refresh', { refreshToken: this.data.refreshToken })
      .then((session) => {
        this.set(session);
        return true;
      })
      .catch(() => {
        this.clear();
        return false;
      })
      .finally(() => {
        this.refreshing = null;
      });
    return this.refreshing;
  }

  signOut() {
    this.clear();
  }

  set(session) {
    this.data = {
      accessToken: session.accessToken,
      refreshToken: session.refreshToken,
      expiresAt: session.expiresAt,
      identity: session.identity,
      name: session.name,
      role: session.role,
    };
    sessionStorage.setItem(storageKey, JSON.stringify(this.data));
    this.schedule();
    this.emit();
  }

  clear() {
    const had = Boolean(this.data);
    this.data = null;
    clearTimeout(this.timer);
    sessionStorage.removeItem(storageKey);
    if (had) {
      this.emit();
    }
  }

  schedule() {
    clearTimeout(this.timer);
    const wait = Date.parse(this.data.expiresAt) - Date.now() - refreshMargin;
    // Timers cannot wait longer than ~24.8 days; sessions are far shorter, but stay safe.
    this.timer = setTimeout(() => this.refresh(), Math.min(Math.max(wait, 5_000), 2_000_000_000));
  }

  emit() {
    for (const listener of this.listeners) {
      listener(this);
    }
  }
}
