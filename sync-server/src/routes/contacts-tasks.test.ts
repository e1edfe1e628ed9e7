import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PullResponse } from '@clinicdesk/domain';
import { seedDemoDepartment } from '../db/seed.ts';
import { createTestServer, type SignedIn } from '../test-support.ts';

// Issue 8 on the server: the contact log's escalations, work items and cover, through the real
// push path with each role's rights; and the team list a device caches for offline assignment.

type Server = Awaited<ReturnType<typeof createTestServer>>;
let server: Server;
const KTC = 'site-ktc';
const ALX = 'site-alx';

beforeEach(async () => {
  server = await createTestServer();
  await seedDemoDepartment(server.db, { today: '2026-11-24', referrals: 200 });
});
afterEach(() => server.close());

const complaint = (contactId: string, siteId = KTC) => ({
  contactId,
  siteId,
  callerName: 'Mr Ashdown',
  relationship: 'relative-or-carer',
  category: 'complaint',
  said: 'Mother waited two hours',
  done: 'Apologised',
  escalate: true,
  escalationReason: 'Formal complaint',
});

const postTask = (taskId: string, to: Pick<SignedIn, 'userId'>, name = 'Colleague') => ({
  taskId,
  siteId: KTC,
  title: 'GP letter asking for an earlier appointment',
  priority: 'soon',
  source: 'post',
  assignee: { userId: to.userId, name },
});

describe('escalated calls', () => {
  it('reach a manager’s device; a receptionist cannot close one, a manager can', async () => {
    const desk = await server.signIn('receptionist', [KTC]);
    const manager = await server.signIn('manager', [KTC]);
    expect(await desk.edit('contact.log', complaint('contact-1'))).toMatchObject({
      status: 'applied',
    });
    const pulled = (await (
      await manager.request('/api/sync/pull?since=0&limit=5000')
    ).json()) as PullResponse;
    expect(pulled.changes.find((c) => c.table === 'contacts')?.row).toMatchObject({
      status: 'escalated',
      loggedBy: { userId: desk.userId },
    });
    expect(
      await desk.edit('contact.close', { contactId: 'contact-1', outcome: 'Sorted' }),
    ).toMatchObject({
      status: 'rejected',
      reason: 'not-permitted',
      message: 'Your role (Receptionist) does not allow this change',
    });
    expect(
      await manager.edit('contact.close', { contactId: 'contact-1', outcome: 'Rang back' }),
    ).toMatchObject({ status: 'applied' });
    const [row] = await server.rowsWhere("SELECT data FROM rows WHERE tbl = 'contacts'");
    expect(row).toMatchObject({ status: 'closed', closedBy: { userId: manager.userId } });
  });

  it('cannot be logged at a site the receptionist does not work at', async () => {
    const desk = await server.signIn('receptionist', [KTC]);
    expect(await desk.edit('contact.log', complaint('contact-2', ALX))).toMatchObject({
      status: 'rejected',
      reason: 'other-site',
    });
  });
});

describe('tasks and cover', () => {
  it('lets a co-ordinator hand over their own task but not move a colleague’s to a third person', async () => {
    const colin = await server.signIn('booking-coordinator', [KTC]);
    const sam = await server.signIn('medical-secretary', [KTC]);
    const third = await server.signIn('booking-coordinator', [KTC]);
    expect(await colin.edit('task.add', postTask('task-1', sam, 'Sam'))).toMatchObject({
      status: 'applied',
    });
    expect(
      await colin.edit('task.assign', {
        taskId: 'task-1',
        to: { userId: third.userId, name: 'Third' },
        reason: 'Busy',
      }),
    ).toMatchObject({ status: 'rejected', reason: 'not-your-task' });
    expect(
      await sam.edit('task.assign', {
        taskId: 'task-1',
        to: { userId: third.userId, name: 'Third' },
        reason: 'On leave',
      }),
    ).toMatchObject({ status: 'applied' });
  });

  it('refuses a receptionist moving anyone’s tasks, and cover by anyone but a manager', async () => {
    const colin = await server.signIn('booking-coordinator', [KTC]);
    const desk = await server.signIn('receptionist', [KTC]);
    await colin.edit('task.add', postTask('task-1', colin));
    const move = { taskId: 'task-1', to: { userId: desk.userId, name: 'Desk' }, reason: 'x' };
    expect(await desk.edit('task.assign', move)).toMatchObject({ reason: 'not-permitted' });
    const cover = {
      fromUserId: colin.userId,
      siteId: KTC,
      to: { userId: desk.userId, name: 'Desk' },
      reason: 'Annual leave',
    };
    expect(await colin.edit('task.reassignAll', cover)).toMatchObject({
      reason: 'not-permitted',
    });
  });

  it('moves every open task of an absent co-ordinator to the secretary in one edit', async () => {
    const colin = await server.signIn('booking-coordinator', [KTC]);
    const sam = await server.signIn('medical-secretary', [KTC, ALX]);
    const manager = await server.signIn('manager', [KTC]);
    for (const id of ['task-1', 'task-2']) await colin.edit('task.add', postTask(id, colin));
    expect(
      await manager.edit('task.reassignAll', {
        fromUserId: colin.userId,
        siteId: KTC,
        to: { userId: sam.userId, name: 'Sam Secretary' },
        reason: 'Annual leave',
      }),
    ).toMatchObject({ status: 'applied' });
    const tasks = await server.rowsWhere("SELECT data FROM rows WHERE tbl = 'tasks'");
    expect(tasks.map((t) => t['assigneeUserId'])).toEqual([sam.userId, sam.userId]);
    expect(tasks[0]?.['handovers']).toMatchObject([
      { by: { userId: manager.userId }, reason: 'Annual leave' },
    ]);
  });

  it('refuses a task for someone who could not see or finish it: another site, an administrator, a clinician, nobody', async () => {
    const colin = await server.signIn('booking-coordinator', [KTC]);
    const elsewhere = await server.signIn('medical-secretary', [ALX]);
    const admin = await server.signIn('administrator', []);
    const clinician = await server.signIn('clinician', [KTC]);
    for (const [to, name] of [
      [elsewhere, 'Alex Elsewhere'],
      [admin, 'Ada Admin'],
      [clinician, 'Dr Cleo'],
      [{ userId: 'nobody' }, 'Nobody'],
    ] as const)
      expect(await colin.edit('task.add', postTask(`task-${name}`, to, name))).toMatchObject({
        status: 'rejected',
        reason: 'unknown-assignee',
        message: `${name} cannot take tasks at this site: choose a colleague from the list`,
      });
    expect(await server.rowsWhere("SELECT data FROM rows WHERE tbl = 'tasks'")).toEqual([]);
  });
});

describe('GET /api/team', () => {
  it('lists enabled colleagues who hold patient data at shared sites, and nothing secret', async () => {
    const colin = await server.signIn('booking-coordinator', [KTC], 'colin');
    await server.signIn('medical-secretary', [KTC, ALX], 'sam');
    await server.signIn('clinician', [ALX], 'alex');
    await server.signIn('administrator', [KTC], 'ada');
    const disabled = await server.signIn('receptionist', [KTC], 'gone');
    await server.db.execute({
      sql: 'UPDATE users SET disabled = 1 WHERE id = ?',
      args: [disabled.userId],
    });
    const res = await colin.request('/api/team');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { team: Record<string, unknown>[] };
    expect(body.team.map((m) => [m['displayName'], m['siteIds']])).toEqual([
      ['colin', [KTC]],
      ['sam', [KTC]],
    ]);
    for (const member of body.team)
      expect(Object.keys(member).sort()).toEqual(['displayName', 'id', 'role', 'siteIds']);
    expect(JSON.stringify(body)).not.toMatch(/argon2|password|hash/i);
  });

  it('is not for administrators, nor anyone signed out', async () => {
    const admin = await server.signIn('administrator', [KTC]);
    expect((await admin.request('/api/team')).status).toBe(403);
    expect((await server.app.request('/api/team')).status).toBe(401);
  });
});
