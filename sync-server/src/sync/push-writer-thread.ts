// The writer thread of push-writer.ts: applies pushes on its own connection, group-committed.
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/database.ts';
import { applyPush } from './apply-push.ts';
import type { PushAnswer, PushRequest } from './push-writer.ts';

const port = parentPort!;
const db = await openDatabase({ url: (workerData as { url: string }).url });

port.on('message', (request: PushRequest) => {
  const { id, clientId, mutations, actor, now, heldFrom } = request;
  applyPush(db, clientId, mutations, actor, new Date(now), heldFrom).then(
    (outcome) => port.postMessage({ id, ok: true, outcome } satisfies PushAnswer),
    (error: unknown) => {
      console.error(error);
      const message = error instanceof Error ? error.message : String(error);
      port.postMessage({ id, ok: false, message } satisfies PushAnswer);
    },
  );
});
