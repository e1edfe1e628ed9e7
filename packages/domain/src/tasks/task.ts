import * as v from 'valibot';
import { RecordedBySchema } from '../access/recorded-by.ts';
import { CalendarDateSchema, type CalendarDate } from '../calendar/calendar-date.ts';
import { addWorkingDays } from '../calendar/working-days.ts';

/** How soon a work item needs doing (issue 8). */
export const TASK_PRIORITIES = ['urgent', 'soon', 'routine'] as const;
export type TaskPriority = (typeof TASK_PRIORITIES)[number];
export const TASK_PRIORITY_LABELS: Record<TaskPriority, string> = {
  urgent: 'Urgent',
  soon: 'Soon',
  routine: 'Routine',
};

/** Where a work item came from: the post, a call, or anything else. */
export const TASK_SOURCES = ['post', 'phone', 'other'] as const;
export type TaskSource = (typeof TASK_SOURCES)[number];
export const TASK_SOURCE_LABELS: Record<TaskSource, string> = {
  post: 'Post',
  phone: 'Phone',
  other: 'Other',
};

/** A person a task is assigned to, by id and the name colleagues know them by. */
export const AssigneeSchema = v.object({
  userId: v.pipe(v.string(), v.nonEmpty('Choose who the task is for')),
  name: v.pipe(v.string(), v.trim(), v.nonEmpty('Choose who the task is for'), v.maxLength(100)),
});
export type Assignee = v.InferOutput<typeof AssigneeSchema>;

export const TaskHandoverSchema = v.object({
  at: v.string(),
  by: RecordedBySchema,
  from: AssigneeSchema,
  to: AssigneeSchema,
  reason: v.string(),
});

/**
 * A work item owned by one person (issue 8): incoming post, a call to return, anything that
 * must not be forgotten. It stays on its owner's My work until done; reassigning it records
 * who moved it, from whom, to whom and why.
 */
export const TaskSchema = v.object({
  id: v.string(),
  siteId: v.string(),
  title: v.string(),
  detail: v.string(),
  priority: v.picklist(TASK_PRIORITIES),
  dueDate: CalendarDateSchema,
  source: v.picklist(TASK_SOURCES),
  patientId: v.nullable(v.string()),
  referralId: v.nullable(v.string()),
  assigneeUserId: v.string(),
  assigneeName: v.string(),
  status: v.picklist(['open', 'done']),
  createdAt: v.string(),
  createdBy: RecordedBySchema,
  doneAt: v.nullable(v.string()),
  doneBy: v.nullable(RecordedBySchema),
  doneNote: v.string(),
  handovers: v.array(TaskHandoverSchema),
});
export type Task = v.InferOutput<typeof TaskSchema>;

/** Working days allowed for each priority when nobody gives a due date: urgent is today. */
const WORKING_DAYS_ALLOWED: Record<TaskPriority, number> = { urgent: 0, soon: 2, routine: 5 };

/**
 * The due date a task gets from its priority: urgent today, soon in 2 working days, routine
 * in 5 (England's bank holidays and weekends skipped), so post never sits without a date.
 */
export function defaultTaskDueDate(priority: TaskPriority, today: CalendarDate): CalendarDate {
  const days = WORKING_DAYS_ALLOWED[priority];
  return days === 0 ? today : addWorkingDays(today, days);
}

/** Open tasks in the order to work them: overdue and earliest due first, then by priority. */
export function orderTasks(tasks: readonly Task[]): Task[] {
  return tasks
    .filter((t) => t.status === 'open')
    .sort(
      (a, b) =>
        a.dueDate.localeCompare(b.dueDate) ||
        TASK_PRIORITIES.indexOf(a.priority) - TASK_PRIORITIES.indexOf(b.priority) ||
        a.createdAt.localeCompare(b.createdAt) ||
        a.id.localeCompare(b.id),
    );
}
