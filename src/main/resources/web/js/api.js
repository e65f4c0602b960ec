// The JSON API with the session's CSRF token on every state change; a 401 leads to the sign-in page.
let session = null;

export async function currentSession(refresh = false) {
  if (!session || refresh) {
    const response = await fetch("/api/session", { credentials: "same-origin" });
    session = await response.json();
  }
  return session;
}

export class ApiError extends Error {
  constructor(status, body) {
    super(body && body.error ? body.error : "request failed (" + status + ")");
    this.status = status;
    this.body = body || {};
  }
}

export async function api(path, { method = "GET", json, body, headers = {}, signal } = {}) {
  const init = { method, credentials: "same-origin", headers: { ...headers }, signal };
  if (method !== "GET") {
    const s = await currentSession();
    if (s.csrfToken) init.headers["X-CSRF-Token"] = s.csrfToken;
  }
  if (json !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(json);
  } else if (body !== undefined) {
    init.body = body;
  }
  const response = await fetch(path, init);
  const type = response.headers.get("Content-Type") || "";
  const data = type.includes("json") ? await response.json() : await response.text();
  if (response.status === 401 && !path.startsWith("/api/session")) {
    session = null;
    const next = location.pathname + location.search;
    if (location.pathname !== "/signin") {
      history.pushState(null, "", "/signin?next=" + encodeURIComponent(next));
      window.dispatchEvent(new PopStateEvent("popstate"));
    }
    throw new ApiError(401, data);
  }
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

export function forgetSession() {
  session = null;
}
