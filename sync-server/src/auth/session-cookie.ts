import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { SESSION_HOURS } from '../db/sessions.ts';

const COOKIE = 'clinicdesk_session';

/** The session cookie: httpOnly (no script reads it), Secure, SameSite=Strict, whole site. */
export function setSessionCookie(c: Context, token: string): void {
  setCookie(c, COOKIE, token, {
    httpOnly: true,
    secure: true,
    sameSite: 'Strict',
    path: '/',
    maxAge: SESSION_HOURS * 3600,
  });
}

export function readSessionCookie(c: Context): string | undefined {
  return getCookie(c, COOKIE);
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, COOKIE, { path: '/', secure: true });
}
