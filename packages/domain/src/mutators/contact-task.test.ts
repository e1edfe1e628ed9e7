import { describe, expect, it } from 'vitest';
import { defaultTaskDueDate, orderTasks, type Task } from '../tasks/task.ts';
import { orderEscalations } from '../contacts/contact.ts';
import { runMutation } from './registry.ts';
import type { MutatorContext, MutatorResult } from './mutator.ts';
import {
  buildTables,
  CTX,
  isPlainEnglish,
  readStateOver,
  withChanges,
  type Tables,
} from './fixtures.test-support.ts';

// Issue 8: the contact log with escalation, and work items owned by a person (cover).

const MANAGER: MutatorContext = {
  ...CTX,
  actor: { userId: 'user-manager', name: 'Morgan Manager' },
  role: 'manager',
};
const COORDINATOR: MutatorContext = { ...CTX, role: 'booking-coordinator' };
const SECRETARY = { userId: 'user-secretary', name: 'Sam Secretary' };
const CASEY = { userId: CTX.actor.userId, name: CTX.actor.name };

const call = (over: Record<string, unknown> = {}) => ({
  contactId: 'contact-1',
  siteId: 'site-wrh',
  callerName: 'Mrs Ashdown',
  relationship: 'patient',
  phone: '01632 960123',
  category: 'complaint',
  said: 'Waited two hours in clinic last week',
  done: 'Apologised; passed to the manager',
  ...over,
});

async function run(
  tables: Tables,
  name: string,
  args: unknown,
  ctx: MutatorContext = COORDINATOR,
): Promise<{ result: MutatorResult; tables: Tables }> {
  const result = await runMutation(name, args, readStateOver(tables), ctx);
  return { result, tables: result.ok ? withChanges(tables, result.changes) : tables };
}

function refused(result: MutatorResult, reason: string) {
  expect(result).toMatchObject({ ok: false, reason });
  if (!result.ok) expect(isPlainEnglish(result.message)).toBe(true);
}

describe('contact.log', () => {
  it('logs a call about a pathway at the pathway’s site, with who took it and when', async () => {
    const { result, tables } = await run(
      buildTables(),
      'contact.log',
      call({ referralId: 'ref-routine', siteId: 'site-elsewhere' }),
    );
    expect(result.ok).toBe(true);
    expect(tables.contacts[0]).toMatchObject({
      siteId: 'site-wrh',
      patientId: 'pat-amelia',
      status: 'logged',
      escalation: null,
      loggedBy: CTX.actor,
      loggedAt: CTX.now,
      caller: { name: 'Mrs Ashdown', relationship: 'patient' },
    });
  });

  it('puts an escalated call on the managers’ worklist with its reason', async () => {
    const { tables } = await run(
      buildTables(),
      'contact.log',
      call({ escalate: true, escalationReason: 'Formal complaint' }),
    );
    expect(orderEscalations(tables.contacts).map((c) => c.escalation?.reason)).toEqual([
      'Formal complaint',
    ]);
  });

  it.each([
    [{ escalate: true }, 'invalid-args', 'Say why this needs a manager, or do not escalate it'],
    [{ callerName: ' ' }, 'invalid-args', 'Enter the caller’s name'],
    [{ said: '' }, 'invalid-args', 'Write down what the caller said'],
    [{ category: 'gossip' }, 'invalid-args', 'Choose what the call was about'],
    [{ referralId: 'ref-nope' }, 'unknown-referral', 'That referral is not on record'],
    [{ patientId: 'pat-nope' }, 'unknown-patient', 'That patient is not on record'],
    [
      { patientId: 'pat-oliver', referralId: 'ref-routine' },
      'referral-of-another-patient',
      'That referral is for a different patient',
    ],
    [{ siteId: 'site-nope' }, 'unknown-site', 'Choose the site'],
  ])('refuses %o in the words of the person on the phone', async (over, reason, message) => {
    const { result, tables } = await run(buildTables(), 'contact.log', call(over));
    expect(result).toEqual({ ok: false, reason, message });
    expect(tables.contacts).toEqual([]);
  });
});

describe('contact.close', () => {
  async function escalated() {
    return (
      await run(buildTables(), 'contact.log', call({ escalate: true, escalationReason: 'x' }))
    ).tables;
  }

  it('closes an escalation with the manager’s outcome, who and when', async () => {
    const { result, tables } = await run(
      await escalated(),
      'contact.close',
      { contactId: 'contact-1', outcome: 'Rang back; apology letter sent' },
      MANAGER,
    );
    expect(result.ok).toBe(true);
    expect(tables.contacts[0]).toMatchObject({
      status: 'closed',
      closedBy: MANAGER.actor,
      closedAt: CTX.now,
      outcome: 'Rang back; apology letter sent',
    });
    expect(orderEscalations(tables.contacts)).toEqual([]);
  });

  it('refuses to close twice, naming who closed it', async () => {
    const closed = (
      await run(
        await escalated(),
        'contact.close',
        { contactId: 'contact-1', outcome: 'Done' },
        MANAGER,
      )
    ).tables;
    const { result } = await run(
      closed,
      'contact.close',
      { contactId: 'contact-1', outcome: 'Again' },
      MANAGER,
    );
    expect(result).toEqual({
      ok: false,
      reason: 'already-closed',
      message: 'Morgan Manager closed this on 02/03/2026 10:15',
    });
  });

  it('refuses a call that was never escalated, and one without an outcome', async () => {
    const logged = (await run(buildTables(), 'contact.log', call())).tables;
    refused(
      (await run(logged, 'contact.close', { contactId: 'contact-1', outcome: 'x' }, MANAGER))
        .result,
      'not-escalated',
    );
    const { result } = await run(
      await escalated(),
      'contact.close',
      { contactId: 'contact-1', outcome: ' ' },
      MANAGER,
    );
    expect(result).toMatchObject({ ok: false, message: 'Write down the outcome' });
  });
});

const post = (over: Record<string, unknown> = {}) => ({
  taskId: 'task-1',
  siteId: 'site-wrh',
  title: 'GP letter asking for an earlier appointment for Amelia Ashdown',
  priority: 'soon',
  source: 'post',
  referralId: 'ref-routine',
  assignee: CASEY,
  ...over,
});

describe('task.add', () => {
  it.each([
    ['urgent', '2026-03-02'],
    ['soon', '2026-03-04'],
    ['routine', '2026-03-09'],
  ] as const)('gives %s post a due date of %s when none is given (working days)', (p, due) => {
    expect(defaultTaskDueDate(p, CTX.today)).toBe(due);
  });

  it('skips a bank holiday: routine post on Maundy Thursday is due after Easter Monday and four more days', () => {
    expect(defaultTaskDueDate('routine', '2026-04-02')).toBe('2026-04-13');
  });

  it('turns a letter from the post into an open task in one step, linked to the pathway', async () => {
    const { result, tables } = await run(buildTables(), 'task.add', post());
    expect(result.ok).toBe(true);
    expect(tables.tasks[0]).toMatchObject({
      status: 'open',
      dueDate: '2026-03-04',
      patientId: 'pat-amelia',
      assigneeUserId: CASEY.userId,
      createdBy: CTX.actor,
      handovers: [],
    });
  });

  it.each([
    [
      { dueDate: '2026-03-01' },
      'due-in-past',
      'The due date 01/03/2026 has passed: choose today or later',
    ],
    [{ title: '' }, 'invalid-args', 'Say what needs doing'],
    [{ assignee: { userId: '', name: '' } }, 'invalid-args', 'Choose who the task is for'],
    [{ priority: 'whenever' }, 'invalid-args', 'Choose how soon it is needed'],
    [{ referralId: 'ref-nope' }, 'unknown-referral', 'That referral is not on record'],
  ])('refuses %o with nothing saved', async (over, reason, message) => {
    const { result, tables } = await run(buildTables(), 'task.add', post(over));
    expect(result).toEqual({ ok: false, reason, message });
    expect(tables.tasks).toEqual([]);
  });
});

async function withTasks(): Promise<Tables> {
  let tables = buildTables();
  for (const [id, due] of [
    ['task-1', '2026-03-05'],
    ['task-2', '2026-03-03'],
  ] as const)
    tables = (await run(tables, 'task.add', post({ taskId: id, dueDate: due }))).tables;
  return tables;
}

describe('task.done and task.assign', () => {
  it('lets the owner mark their task done, but not a colleague who does not own it', async () => {
    const tables = await withTasks();
    const colleague: MutatorContext = { ...CTX, actor: SECRETARY, role: 'medical-secretary' };
    const { result } = await run(tables, 'task.done', { taskId: 'task-1' }, colleague);
    expect(result).toMatchObject({
      ok: false,
      reason: 'not-your-task',
      message: 'This task is Casey Coordinator’s: ask them or a manager, or take it over first',
    });
    const done = await run(tables, 'task.done', { taskId: 'task-1', note: 'Booked sooner' });
    expect(done.tables.tasks[0]).toMatchObject({
      status: 'done',
      doneBy: CTX.actor,
      doneNote: 'Booked sooner',
    });
    refused((await run(done.tables, 'task.done', { taskId: 'task-1' })).result, 'task-done');
  });

  it('lets the owner hand over and a colleague pick up, recording each handover', async () => {
    const tables = await withTasks();
    const handed = await run(tables, 'task.assign', {
      taskId: 'task-1',
      to: SECRETARY,
      reason: 'On leave Friday',
    });
    expect(handed.tables.tasks[0]).toMatchObject({
      assigneeUserId: SECRETARY.userId,
      assigneeName: SECRETARY.name,
      handovers: [{ by: CTX.actor, from: CASEY, to: SECRETARY, reason: 'On leave Friday' }],
    });
    const picked = await run(
      tables,
      'task.assign',
      { taskId: 'task-2', to: SECRETARY, reason: 'Covering' },
      { ...CTX, actor: SECRETARY, role: 'medical-secretary' },
    );
    expect(picked.result.ok).toBe(true);
  });

  it('refuses a co-ordinator pushing a colleague’s task onto a third person; a manager may', async () => {
    const tables = await withTasks();
    const third = { userId: 'user-third', name: 'Tess Third' };
    const asSecretary: MutatorContext = { ...CTX, actor: SECRETARY, role: 'medical-secretary' };
    const args = { taskId: 'task-1', to: third, reason: 'Cover' };
    refused((await run(tables, 'task.assign', args, asSecretary)).result, 'not-your-task');
    // No role in the context (an older device) means no extra rights either.
    refused(
      (await run(tables, 'task.assign', args, { ...asSecretary, role: undefined })).result,
      'not-your-task',
    );
    expect((await run(tables, 'task.assign', args, MANAGER)).result.ok).toBe(true);
    refused(
      (await run(tables, 'task.assign', { ...args, to: CASEY }, MANAGER)).result,
      'same-assignee',
    );
    refused(
      (await run(tables, 'task.assign', { ...args, reason: '' }, MANAGER)).result,
      'invalid-args',
    );
  });
});

describe('task.reassignAll (cover)', () => {
  it('moves every open task of an absent person at the site, and only those', async () => {
    let tables = await withTasks();
    tables = (await run(tables, 'task.done', { taskId: 'task-2' })).tables;
    tables = (await run(tables, 'task.add', post({ taskId: 'task-3', dueDate: '2026-03-04' })))
      .tables;
    const { result, tables: after } = await run(
      tables,
      'task.reassignAll',
      { fromUserId: CASEY.userId, siteId: 'site-wrh', to: SECRETARY, reason: 'Annual leave' },
      MANAGER,
    );
    expect(result.ok && result.changes.map((c) => c.row.id).sort()).toEqual(['task-1', 'task-3']);
    expect(orderTasks(after.tasks).map((t: Task) => [t.id, t.assigneeName])).toEqual([
      ['task-3', 'Sam Secretary'],
      ['task-1', 'Sam Secretary'],
    ]);
    expect(after.tasks.find((t) => t.id === 'task-2')?.assigneeName).toBe('Casey Coordinator');
  });

  it('says so when there is nothing to cover', async () => {
    const { result } = await run(
      await withTasks(),
      'task.reassignAll',
      { fromUserId: SECRETARY.userId, siteId: 'site-wrh', to: CASEY, reason: 'Leave' },
      MANAGER,
    );
    expect(result).toEqual({
      ok: false,
      reason: 'nothing-to-reassign',
      message: 'This person has no open tasks at this site',
    });
  });
});
