import { canSeePatientData, clientIdFor, type SessionUser } from '@clinicdesk/domain';
import {
  signIn,
  signOutOfServer,
  whoAmI,
  type AuthAnswer,
  type AuthUser,
} from '../auth/auth-client.ts';
import { deriveDataKeys } from '../crypto/field-seal.ts';
import { explainPin, unwrapWithPin, wrapWithPin } from '../crypto/pin-wrap.ts';
import type { ClinicDeskDatabase, DeviceUser } from '../db/database.ts';
import { deviceIdOf, unsyncedCount, useSiteScope, wipeDevice } from '../db/device-data.ts';
import { lockDataKeys, setDataKeys } from '../db/encryption.ts';
import type { SyncStatus } from './sync-status.svelte.ts';

export type SessionStatus =
  'starting' | 'signed-out' | 'locked' | 'set-pin' | 'change-password' | 'blocked' | 'ready';

const MAX_WRONG_PINS = 5;

/**
 * Who is using this device, and whether patient data is open (issue 3): signed out, locked
 * (key dropped from memory; unlock with a PIN, offline too), or ready. One per tab.
 */
export class Session {
  status = $state<SessionStatus>('starting');
  user = $state.raw<AuthUser | SessionUser | null>(null);
  message = $state<string | null>(null);
  deviceUsers = $state.raw<DeviceUser[]>([]);
  deviceId = '';
  /** The device key between a password sign-in and the PIN that wraps it; then forgotten. */
  #pendingKey: Uint8Array | null = null;

  constructor(
    readonly db: ClinicDeskDatabase,
    readonly sync: SyncStatus,
  ) {
    sync.onSignedOut = () => {
      if (this.status === 'ready')
        this.message = 'Your sign-in has ended: sign in again to send your changes.';
    };
  }

  /** On opening the app: carry on a live server session, or ask to unlock or sign in. */
  async start(): Promise<void> {
    this.deviceId = await deviceIdOf(this.db);
    await this.loadDeviceUsers();
    const me = await whoAmI();
    // Opening the app on a device where this user has a PIN always asks for it: a reload must
    // not get round the lock on a shared tablet.
    const hasPin = me.ok && this.deviceUsers.some((u) => u.userId === me.user.id);
    if (me.ok && !hasPin) return this.afterSignIn(me);
    this.status = this.deviceUsers.length ? 'locked' : 'signed-out';
    if (!me.ok && me.kind === 'offline' && !this.deviceUsers.length)
      this.message = 'Connect to the network to sign in on this device for the first time.';
  }

  async signIn(username: string, password: string): Promise<string | undefined> {
    const answer = await signIn(username, password, this.deviceId);
    if (!answer.ok) return answer.message;
    await this.afterSignIn(answer);
    return undefined;
  }

  private async afterSignIn(answer: Extract<AuthAnswer, { ok: true }>): Promise<void> {
    this.user = answer.user;
    this.message = null;
    if (answer.user.mustChangePassword) {
      this.#pendingKey = answer.deviceKey;
      this.status = 'change-password';
      return;
    }
    if (!canSeePatientData(answer.user.role) || !answer.deviceKey) {
      await this.open(null);
      return;
    }
    if (!(await useSiteScope(this.db, answer.user.siteIds))) {
      this.status = 'blocked';
      this.message =
        'Someone else’s changes are still waiting to be sent from this device. They need to sign in here and sync before it can hold your sites’ data.';
      return;
    }
    setDataKeys(deriveDataKeys(answer.deviceKey));
    if (this.deviceUsers.some((u) => u.userId === answer.user.id)) {
      await this.open(clientIdFor(this.deviceId, answer.user.id));
    } else {
      this.#pendingKey = answer.deviceKey;
      this.status = 'set-pin';
    }
  }

  /** After the password has been changed: go on as if just signed in. */
  async passwordChanged(): Promise<void> {
    const me = await whoAmI();
    if (me.ok) await this.afterSignIn(me);
  }

  /** Wraps the device key with the new PIN so this user can unlock offline. */
  async setPin(pin: string): Promise<string | undefined> {
    const problem = explainPin(pin);
    if (problem) return problem;
    const user = this.user;
    const key = this.#pendingKey;
    if (!user || !key) return 'Sign in again to set your PIN';
    const wrapped = await wrapWithPin(key, pin);
    await this.db.deviceUsers.put({
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      siteIds: user.siteIds,
      ...wrapped,
      failedPins: 0,
    });
    this.#pendingKey = null;
    await this.loadDeviceUsers();
    await this.open(clientIdFor(this.deviceId, user.id));
    return undefined;
  }

  /**
   * Locks the device: the key leaves memory and the screen hides patient data. The PTL is kept,
   * and every patient's name sealed, over the lock (ADR 0012, session 15): sign-out drops them.
   */
  lock(): void {
    if (this.status !== 'ready' || !this.user || !canSeePatientData(this.user.role)) return;
    lockDataKeys();
    void this.sync.useClient(null);
    this.status = 'locked';
  }

  /** Unlocks with a PIN; five wrong PINs forget the wrapped key (the password is needed then). */
  async unlock(userId: string, pin: string): Promise<string | undefined> {
    const known = await this.db.deviceUsers.get(userId);
    if (!known) return 'Sign in with your password';
    const key = await unwrapWithPin(known, pin);
    if (!key) {
      const failedPins = known.failedPins + 1;
      if (failedPins >= MAX_WRONG_PINS) {
        await this.db.deviceUsers.delete(userId);
        await this.loadDeviceUsers();
        if (!this.deviceUsers.length) this.status = 'signed-out';
        return 'Too many wrong PINs. Sign in with your password to use this device again.';
      }
      await this.db.deviceUsers.update(userId, { failedPins });
      return `That PIN is not right (${MAX_WRONG_PINS - failedPins} tries left)`;
    }
    await this.db.deviceUsers.update(userId, { failedPins: 0 });
    setDataKeys(deriveDataKeys(key));
    this.user = {
      id: known.userId,
      username: known.username,
      displayName: known.displayName,
      role: known.role as SessionUser['role'],
      siteIds: known.siteIds,
    };
    await this.open(clientIdFor(this.deviceId, known.userId));
    return undefined;
  }

  /**
   * Signs out. Unsent edits of this user are sent first; if they cannot be, nothing is lost
   * and the answer says so. With nothing left to send by anyone, the device is wiped.
   */
  async signOut(): Promise<string | undefined> {
    const user = this.user;
    if (user && canSeePatientData(user.role) && this.sync.clientId) {
      await this.sync.sync();
      const mine = await this.db.outbox
        .where('[clientId+seq]')
        .between([this.sync.clientId, 0], [this.sync.clientId, Infinity])
        .count();
      if (mine > 0)
        return `${mine === 1 ? '1 change has' : `${mine} changes have`} not been sent yet. Connect to the network so they can be sent before you sign out, or lock the device instead.`;
    }
    await signOutOfServer();
    setDataKeys(null);
    await this.sync.useClient(null);
    if (user) await this.db.deviceUsers.delete(user.id);
    if ((await unsyncedCount(this.db)) === 0) {
      await wipeDevice(this.db);
      window.location.replace('/');
      return undefined;
    }
    this.user = null;
    await this.loadDeviceUsers();
    this.status = this.deviceUsers.length ? 'locked' : 'signed-out';
    return undefined;
  }

  /** Switches to the sign-in screen without forgetting anything (to sign in as someone new). */
  useAnotherAccount(): void {
    setDataKeys(null);
    void this.sync.useClient(null);
    this.status = 'signed-out';
  }

  private async open(clientId: string | null): Promise<void> {
    this.status = 'ready';
    await this.sync.useClient(clientId);
  }

  private async loadDeviceUsers(): Promise<void> {
    this.deviceUsers = await this.db.deviceUsers.toArray();
  }
}
