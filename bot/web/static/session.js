/** The signed-in session, kept in localStorage: `{token, expiresAt, user}`. */

const KEY = "coachbot.session";

export function sessionFrom(auth) {
  return {
    token: auth.access_token,
    expiresAt: auth.expires_in ? Date.now() + auth.expires_in * 1000 : null,
    user: auth.user ?? null,
  };
}

export function loadSession() {
  try {
    const session = JSON.parse(localStorage.getItem(KEY));
    if (session?.token && (!session.expiresAt || session.expiresAt > Date.now())) return session;
  } catch {
    // unreadable storage: treat as signed out
  }
  clearSession();
  return null;
}

export function saveSession(session) {
  try {
    localStorage.setItem(KEY, JSON.stringify(session));
  } catch {
    // storage disabled: the session lasts as long as the page
  }
}

export function clearSession() {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // nothing stored
  }
}
