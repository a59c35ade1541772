// The console's only way to the data: the public v2 API, on the origin the console came from.
// The bearer token lives in this module's memory only: never in storage, cookies or the URL.

const session = { mode: null, token: null, project: null, roles: [] };

export class ApiError extends Error {
  constructor(status, body) {
    const message =
      body && typeof body === 'object' && body.message ? body.message : `HTTP ${status}`;
    super(message);
    this.status = status;
    this.type = body && body.type;
    this.requestId = body && body.request_id;
  }
}

/** token when the API refuses a request without a token, noauth when it answers. */
export async function detectMode() {
  const response = await fetch('/v2/zones?limit=1', {
    headers: { Accept: 'application/json' },
    credentials: 'omit',
    cache: 'no-store',
  });
  session.mode = response.status === 401 ? 'token' : 'noauth';
  return session.mode;
}

export function mode() {
  return session.mode;
}

export function useToken(token) {
  session.token = token.trim();
  session.project = null;
  session.roles = [];
  // what the token says about itself, for display only: the API checks it
  try {
    const claims = JSON.parse(atob(session.token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    session.project = claims.project_id || null;
    const roles = claims.roles;
    session.roles = Array.isArray(roles) ? roles : typeof roles === 'string' ? roles.split(',') : [];
  } catch (e) {
    // not a JWT we can read; the API decides
  }
}

export function useProject(project, roles) {
  session.project = project;
  session.roles = roles;
}

export function signedIn() {
  return session.mode === 'token' ? Boolean(session.token) : Boolean(session.project);
}

export function signOut() {
  session.token = null;
  session.project = null;
  session.roles = [];
}

export function project() {
  return session.project;
}

export function isAdmin() {
  return session.roles.map((r) => r.trim().toLowerCase()).includes('admin');
}

let onUnauthorized = () => {};
export function whenUnauthorized(callback) {
  onUnauthorized = callback;
}

/**
 * Calls the API; resolves to the parsed JSON (or text) body, rejects with an ApiError carrying
 * the API's message. Options: json (a body to send as JSON), text + contentType, allProjects,
 * headers (more request headers).
 */
export async function api(method, path, options = {}) {
  const headers = { Accept: options.accept || 'application/json' };
  if (session.mode === 'token') {
    headers.Authorization = 'Bearer ' + session.token;
  } else {
    headers['X-Auth-Project-ID'] = session.project;
    headers['X-Roles'] = session.roles.join(',');
  }
  if (options.allProjects) {
    headers['X-Auth-All-Projects'] = 'true';
  }
  Object.assign(headers, options.headers || {});
  let body;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers['Content-Type'] = 'application/json';
  } else if (options.text !== undefined) {
    body = options.text;
    headers['Content-Type'] = options.contentType;
  }
  const response = await fetch(path, {
    method,
    headers,
    body,
    credentials: 'omit',
    cache: 'no-store',
  });
  if (response.status === 204) {
    return null;
  }
  const type = response.headers.get('Content-Type') || '';
  const payload = type.includes('json') ? await response.json() : await response.text();
  if (!response.ok) {
    if (response.status === 401 && session.mode === 'token') {
      onUnauthorized();
    }
    throw new ApiError(response.status, payload);
  }
  return payload;
}

/** The path and query of a link the API gave (its links are absolute, on this origin). */
export function localPath(link) {
  const url = new URL(link, window.location.href);
  return url.pathname + url.search;
}
