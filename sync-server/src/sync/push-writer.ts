import { Worker } from 'node:worker_threads';
import type { Mutation } from '@clinicdesk/domain';
import type { Actor, PushOutcome } from './apply-push.ts';

/** Applies a device's push (apply-push.ts) and answers once it has committed. */
export type ApplyPush = (
  clientId: string,
  mutations: Mutation[],
  actor: Actor,
  now: Date,
  heldFrom?: number,
) => Promise<PushOutcome>;

export interface PushWriter {
  apply: ApplyPush;
  close(): Promise<void>;
}

/** A push sent to the writer thread, and its answer. */
export interface PushRequest {
  id: number;
  clientId: string;
  mutations: Mutation[];
  actor: Actor;
  now: string;
  heldFrom?: number | undefined;
}
export type PushAnswer =
  { id: number; ok: true; outcome: PushOutcome } | { id: number; ok: false; message: string };

const threadFile = new URL('./push-writer-thread.mjs', import.meta.url);

/**
 * Runs pushes in a thread of their own, on its own connection to the database file (ADR 0008).
 * SQLite's COMMIT waits for the disk (synchronous FULL: nothing is acknowledged that a power cut
 * could take back), and the driver is synchronous: on the request thread every commit stopped
 * every pull and every request from being read. In the writer thread it stops only the writes,
 * and the pushes that arrive meanwhile gather for the next group commit. A thread that dies
 * fails the pushes it held (the devices send them again) and is started afresh for the next.
 */
export function startPushWriter(url: string): PushWriter {
  const pending = new Map<
    number,
    { resolve: (o: PushOutcome) => void; reject: (e: Error) => void }
  >();
  let nextId = 0;
  let worker: Worker | undefined;
  let closed = false;

  const failAll = (error: Error) => {
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  };
  const start = () => {
    const thread = new Worker(threadFile, { workerData: { url }, execArgv: [] });
    thread.on('message', (answer: PushAnswer) => {
      const waiting = pending.get(answer.id);
      if (!waiting) return;
      pending.delete(answer.id);
      if (answer.ok) waiting.resolve(answer.outcome);
      else waiting.reject(new Error(answer.message));
    });
    thread.on('error', (error) => {
      console.error('the push writer thread failed', error);
    });
    thread.on('exit', () => {
      if (worker === thread) worker = undefined;
      failAll(new Error('The push writer thread stopped'));
    });
    return thread;
  };

  return {
    apply(clientId, mutations, actor, now, heldFrom) {
      if (closed) return Promise.reject(new Error('The push writer is closed'));
      worker ??= start();
      const id = ++nextId;
      const request: PushRequest = {
        id,
        clientId,
        mutations,
        actor,
        now: now.toISOString(),
        heldFrom,
      };
      return new Promise<PushOutcome>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker!.postMessage(request);
      });
    },
    async close() {
      closed = true;
      const thread = worker;
      worker = undefined;
      if (thread) await thread.terminate();
    },
  };
}
