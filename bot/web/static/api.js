/** The REST API. Every failure becomes an ApiError with the server's code and message. */

export class ApiError extends Error {
  constructor(status, code, message, details = []) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = Array.isArray(details) ? details : [];
  }
}

export async function api(path, { method = "GET", body, token } = {}) {
  const headers = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (token) headers.Authorization = `Bearer ${token}`;
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(
      0,
      "network",
      "Can't reach coachbot right now. Check your connection and try again.",
    );
  }
  const data = await response.json().catch(() => null);
  if (!response.ok) {
    const error = data?.error ?? {};
    throw new ApiError(
      response.status,
      error.code ?? `http_${response.status}`,
      error.message ?? `Something went wrong (HTTP ${response.status}). Please try again.`,
      error.details,
    );
  }
  return data;
}

export const register = (fields) => api("/api/v1/auth/register", { method: "POST", body: fields });
export const login = (fields) => api("/api/v1/auth/login", { method: "POST", body: fields });

export function history(token, conversationId, { before, limit = 50 } = {}) {
  const query = new URLSearchParams({ conversation_id: conversationId, limit: String(limit) });
  if (before != null) query.set("before", String(before));
  return api(`/api/v1/chat/history?${query}`, { token });
}
