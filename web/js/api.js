// The control API from the browser: JSON over fetch, an optional session (Bearer token, refreshed once on 401),
// Idempotency-Key on commands, and problem-details answers turned into sentences a person can read.

/** A failed API call. `message` is always a sentence meant for the page; `status` is the HTTP status (0: no answer). */
export class ApiError extends Error {
  constructor(message, status, problem) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem ?? null;
  }
}

const statusWords = {
  400: 'The request was not valid.',
  401: 'You are not signed in, or your session has ended. Sign in again.',
  403: 'You are not allowed to do that.',
  404: 'That was not found.',
  409: 'That conflicts with what is happening right now.',
  413: 'The request was too large.',
  422: 'That request cannot be applied.',
  429: 'Too many requests; wait a moment and try again.',
  500: 'The server failed to answer this request.',
  502: 'The media server did not answer; try again shortly.',
  503: 'The service is not available right now; try again shortly.',
};

/**
 * The sentence to show for a problem-details body (RFC 9457): its `detail`, else the validation messages in
 * `errors`, else its `title`; never the raw JSON.
 */
export function problemMessage(problem, status) {
  if (problem && typeof problem === 'object') {
    if (typeof problem.detail === 'string' && problem.detail.trim()) {
      return problem.detail.trim();
    }
    if (problem.errors && typeof problem.errors === 'object') {
      const messages = Object.values(problem.errors).flat().filter((m) => typeof m === 'string' && m.trim());
      if (messages.length > 0) {
        return messages.join(' ');
      }
    }
    if (typeof problem.title === 'string' && problem.title.trim() && status !== 401) {
      return withPeriod(problem.title.trim());
    }
  }
  return statusWords[status] ?? `The server answered with status ${status}.`;
}

/** A message for anything thrown: ApiError and Error messages as they are, anything else in general words. */
export function errorMessage(error) {
  if (error instanceof ApiError) {
    return error.message;
  }
  if (error && typeof error.message === 'string' && error.message) {
    return withPeriod(error.message);
  }
  return 'Something went wrong.';
}

function withPeriod(text) {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** A fresh idempotency key: a retry of the same command sends the same key and gets the first answer back. */
export function newIdempotencyKey() {
  if (globalThis.crypto?.randomUUID) {
    return crypto.randomUUID();
  }
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * A client of the control API. `session` (optional) provides `accessToken()` and `refresh()`; without it the
 * client is anonymous (the caller page).
 */
export class ApiClient {
  constructor({ baseUrl = '', session = null } = {}) {
    this.baseUrl = baseUrl;
    this.session = session;
  }

  get(path) {
    return this.request('GET', path);
  }

  post(path, body) {
    return this.request('POST', path, body);
  }

  delete(path) {
    return this.request('DELETE', path);
  }

  /**
   * A command (transfer start/accept/decline/cancel/complete): sent with an Idempotency-Key, and retried once with
   * the same key when the network fails or the server answers 409 "still being processed", so a flaky connection
   * never starts or ends a transfer twice.
   */
  async command(path, body) {
    const key = newIdempotencyKey();
    try {
      return await this.request('POST', path, body, { 'Idempotency-Key': key });
    } catch (error) {
      const inProgress = error instanceof ApiError && error.status === 409 && /still being processed/i.test(error.message);
      if (error instanceof ApiError && error.status !== 0 && !inProgress) {
        throw error;
      }
      await delay(1000);
      return this.request('POST', path, body, { 'Idempotency-Key': key });
    }
  }

  async request(method, path, body, headers = {}, retried = false) {
    const init = { method, headers: { Accept: 'application/json', ...headers } };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const token = this.session?.accessToken();
    if (token) {
      init.headers.Authorization = `Bearer ${token}`;
    }

    let response;
    try {
      response = await fetch(this.baseUrl + path, init);
    } catch {
      throw new ApiError('The control API could not be reached; check your connection and try again.', 0);
    }

    if (response.status === 401 && token && !retried && this.session) {
      if (await this.session.refresh()) {
        return this.request(method, path, body, headers, true);
      }
    }

    const payload = await readBody(response);
    if (!response.ok) {
      throw new ApiError(problemMessage(payload, response.status), response.status, typeof payload === 'object' ? payload : null);
    }
    return payload;
  }
}

async function readBody(response) {
  if (response.status === 204) {
    return null;
  }
  const text = await response.text();
  if (!text) {
    return null;
  }
  const type = response.headers.get('Content-Type') ?? '';
  if (type.includes('json')) {
    try {
      return JSON.parse(text);
    } catch {
      return null;
    }
  }
  return null;
}

function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
