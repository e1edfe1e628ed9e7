import * as v from 'valibot';
import { CalendarDateSchema, formatUkDate } from '../calendar/calendar-date.ts';
import {
  AssigneeSchema,
  defaultTaskDueDate,
  TASK_PRIORITIES,
  TASK_SOURCES,
  type Assignee,
  type Task,
} from '../tasks/task.ts';
import { Id, text } from './clinic-scheduling-args.ts';
import {
  defineMutator,
  reject,
  type MutatorContext,
  type Rejection,
  type ReadState,
} from './mutator.ts';

const Assignee = v.object(AssigneeSchema.entries, 'Choose who the task is for');
const Reason = text('Give the reason for handing the work over', 500);

/**
 * `task.add`: a work item in one step — typically a letter from the post ("GP asks for an
 * earlier appointment for …") — for oneself or a colleague, due by the date given or by the
 * default for its priority (issue 8).
 */
export const taskAdd = defineMutator({
  name: 'task.add',
  args: v.object({
    taskId: Id,
    siteId: v.pipe(v.string('Choose the site'), v.nonEmpty('Choose the site')),
    title: text('Say what needs doing', 200),
    detail: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(2000)), ''),
    priority: v.picklist(TASK_PRIORITIES, 'Choose how soon it is needed'),
    dueDate: v.optional(v.nullable(CalendarDateSchema), null),
    source: v.picklist(TASK_SOURCES, 'Say where the work came from'),
    patientId: v.optional(v.nullable(Id), null),
    referralId: v.optional(v.nullable(Id), null),
    assignee: Assignee,
  }),
  async apply(state, args, ctx) {
    if (await state.get('tasks', args.taskId))
      return reject('task-exists', 'This task has already been added');
    if (args.dueDate && args.dueDate < ctx.today)
      return reject(
        'due-in-past',
        `The due date ${formatUkDate(args.dueDate)} has passed: choose today or later`,
      );
    let { siteId, patientId } = args;
    if (args.referralId) {
      const referral = await state.get('referrals', args.referralId);
      if (!referral) return reject('unknown-referral', 'That referral is not on record');
      if (patientId && referral.patientId !== patientId)
        return reject('referral-of-another-patient', 'That referral is for a different patient');
      ({ siteId, patientId } = referral);
    } else if (patientId && !(await state.get('patients', patientId))) {
      return reject('unknown-patient', 'That patient is not on record');
    }
    if (!(await state.get('sites', siteId))) return reject('unknown-site', 'Choose the site');
    const task: Task = {
      id: args.taskId,
      siteId,
      title: args.title,
      detail: args.detail,
      priority: args.priority,
      dueDate: args.dueDate ?? defaultTaskDueDate(args.priority, ctx.today),
      source: args.source,
      patientId,
      referralId: args.referralId,
      assigneeUserId: args.assignee.userId,
      assigneeName: args.assignee.name,
      status: 'open',
      createdAt: ctx.now,
      createdBy: ctx.actor,
      doneAt: null,
      doneBy: null,
      doneNote: '',
      handovers: [],
    };
    return { ok: true, changes: [{ table: 'tasks', row: task }] };
  },
});

async function openTask(state: ReadState, taskId: string): Promise<Task | Rejection> {
  const task = await state.get('tasks', taskId);
  if (!task) return reject('unknown-task', 'That task is not on record');
  if (task.status === 'done')
    return reject(
      'task-done',
      `${task.doneBy?.name ?? 'Someone'} has already marked this task done`,
    );
  return task;
}

const isManager = (ctx: MutatorContext) => ctx.role === 'manager';

/** `task.done`: the task's owner (or a manager) marks it done, with an optional note. */
export const taskDone = defineMutator({
  name: 'task.done',
  args: v.object({
    taskId: Id,
    note: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(500)), ''),
  }),
  async apply(state, args, ctx) {
    const task = await openTask(state, args.taskId);
    if ('ok' in task) return task;
    if (task.assigneeUserId !== ctx.actor.userId && !isManager(ctx))
      return reject(
        'not-your-task',
        `This task is ${task.assigneeName}’s: ask them or a manager, or take it over first`,
      );
    const row: Task = {
      ...task,
      status: 'done',
      doneAt: ctx.now,
      doneBy: ctx.actor,
      doneNote: args.note,
    };
    return { ok: true, changes: [{ table: 'tasks', row }] };
  },
});

function handedOver(task: Task, to: Assignee, reason: string, ctx: MutatorContext): Task {
  const from = { userId: task.assigneeUserId, name: task.assigneeName };
  return {
    ...task,
    assigneeUserId: to.userId,
    assigneeName: to.name,
    handovers: [...task.handovers, { at: ctx.now, by: ctx.actor, from, to, reason }],
  };
}

/**
 * `task.assign`: moves one task to another person. Least privilege: a manager may move anyone's;
 * anyone else may hand over their own or pick up a colleague's for themselves — never push a
 * colleague's work onto a third person (issue 8: cover).
 */
export const taskAssign = defineMutator({
  name: 'task.assign',
  args: v.object({ taskId: Id, to: Assignee, reason: Reason }),
  async apply(state, args, ctx) {
    const task = await openTask(state, args.taskId);
    if ('ok' in task) return task;
    if (task.assigneeUserId === args.to.userId)
      return reject('same-assignee', `This task is already ${task.assigneeName}’s`);
    const own = task.assigneeUserId === ctx.actor.userId;
    const pickUp = args.to.userId === ctx.actor.userId;
    if (!own && !pickUp && !isManager(ctx))
      return reject(
        'not-your-task',
        `Only a manager can move ${task.assigneeName}’s task to someone else: you can take it over yourself`,
      );
    return {
      ok: true,
      changes: [{ table: 'tasks', row: handedOver(task, args.to, args.reason, ctx) }],
    };
  },
});

/**
 * `task.reassignAll`: cover for an absent colleague — every open task of theirs at a site moves
 * to another person in one step, each with the reason recorded (issue 8). Managers only.
 */
export const taskReassignAll = defineMutator({
  name: 'task.reassignAll',
  args: v.object({
    fromUserId: Id,
    siteId: v.pipe(v.string('Choose the site'), v.nonEmpty('Choose the site')),
    to: Assignee,
    reason: Reason,
  }),
  async apply(state, args, ctx) {
    if (args.fromUserId === args.to.userId)
      return reject('same-assignee', 'Choose someone else to cover this work');
    const tasks = (await state.openTasksOf(args.fromUserId)).filter(
      (t) => t.siteId === args.siteId,
    );
    if (tasks.length === 0)
      return reject('nothing-to-reassign', 'This person has no open tasks at this site');
    return {
      ok: true,
      changes: tasks.map((t) => ({
        table: 'tasks' as const,
        row: handedOver(t, args.to, args.reason, ctx),
      })),
    };
  },
});
