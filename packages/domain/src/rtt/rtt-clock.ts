import { addDays, daysBetween } from '../calendar/calendar-date.ts';
import type { RttCode } from '../referrals/referral.ts';

/**
 * Data-quality problems met while reading a pathway's RTT events
 * (RTT rules suite; contract in shared/rtt/README.md).
 */
export type RttProblem =
  | 'events-out-of-order'
  | 'clock-already-running'
  | 'restart-without-active-monitoring'
  | 'dna-after-first-attendance'
  | 'activity-without-clock';

/**
 * The latest RTT clock on a pathway as of a day (NHS England RTT guidance v5.0; the 18-week
 * standard is 126 days, and weeks follow the national time bands).
 */
export interface RttClock {
  state: 'none' | 'running' | 'stopped' | 'nullified';
  clockStart: string | null;
  stopDate: string | null;
  stopCode: RttCode | null;
  daysWaited: number;
  weeksWaited: number;
  treatByDate: string | null;
  breached: boolean;
  problems: RttProblem[];
}

type Event = { date: string; code: RttCode };

interface Walk {
  state: RttClock['state'];
  clockStart: string | null;
  stopDate: string | null;
  stopCode: RttCode | null;
  attended: boolean;
  problems: RttProblem[];
}

/** RTT guidance: the last day within 18 weeks is the clock start plus 126 days. */
const EIGHTEEN_WEEKS_DAYS = 126;

const STARTS: ReadonlySet<RttCode> = new Set(['10', '11', '12']);
const RUNS_ON: ReadonlySet<RttCode> = new Set(['20', '21']);
const STOPS: ReadonlySet<RttCode> = new Set(['30', '31', '32', '34', '35', '36']);
const ACTIVE_MONITORING: ReadonlySet<RttCode> = new Set(['31', '32']);

function update(walk: Walk, patch: Partial<Walk>): void {
  Object.assign(walk, patch);
}

function note(walk: Walk, problem: RttProblem): void {
  if (!walk.problems.includes(problem)) walk.problems.push(problem);
}

/** Drops events after `asOf`; if dates go backwards, flags it and sorts stably by date. */
function eventsToRead(events: ReadonlyArray<Event>, asOf: string, walk: Walk): Event[] {
  const kept = events.filter((e) => e.date <= asOf);
  const backwards = kept.some((e, i) => i > 0 && e.date < kept[i - 1]!.date);
  if (!backwards) return kept;
  note(walk, 'events-out-of-order');
  return kept.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** 10/11/12: a new clock starts unless one is running; an 11 must follow active monitoring. */
function startClock(walk: Walk, event: Event): void {
  if (walk.state === 'running') return note(walk, 'clock-already-running');
  const afterMonitoring = walk.state === 'stopped' && ACTIVE_MONITORING.has(walk.stopCode!);
  if (event.code === '11' && !afterMonitoring) note(walk, 'restart-without-active-monitoring');
  update(walk, {
    state: 'running',
    clockStart: event.date,
    stopDate: null,
    stopCode: null,
    attended: false,
  });
}

/** 33: nullifies the clock only before the patient has attended anything on it. */
function nullifyClock(walk: Walk): void {
  if (walk.attended) return note(walk, 'dna-after-first-attendance');
  update(walk, { state: 'nullified', stopDate: null, stopCode: '33' });
}

/** Applies one event to the walk, following the RTT period status code's effect. */
function read(walk: Walk, event: Event): void {
  const { code } = event;
  if (STARTS.has(code)) return startClock(walk, event);
  if (!RUNS_ON.has(code) && !STOPS.has(code) && code !== '33') return; // 90–99: no effect
  if (walk.state !== 'running') return note(walk, 'activity-without-clock');
  if (RUNS_ON.has(code)) walk.attended = true;
  else if (code === '33') nullifyClock(walk);
  else update(walk, { state: 'stopped', stopDate: event.date, stopCode: code });
}

/** National RTT time bands: 0 days is week 0, 1–7 days week 1, 127 days week 19. */
function rttWeeksWaited(daysWaited: number): number {
  return Math.ceil(daysWaited / 7);
}

/**
 * Derives the latest RTT clock from a pathway's coded events as of a day (NHS England RTT
 * guidance v5.0 and rules suite: clocks stop or are nullified, never paused).
 */
export function rttClock(events: ReadonlyArray<Event>, asOf: string): RttClock {
  const walk: Walk = {
    state: 'none',
    clockStart: null,
    stopDate: null,
    stopCode: null,
    attended: false,
    problems: [],
  };
  for (const event of eventsToRead(events, asOf, walk)) read(walk, event);
  const { state, clockStart, stopDate, stopCode, problems } = walk;
  const end = state === 'running' ? asOf : state === 'stopped' ? stopDate : null;
  const daysWaited = clockStart !== null && end !== null ? daysBetween(clockStart, end) : 0;
  const counts = clockStart !== null && (state === 'running' || state === 'stopped');
  return {
    state,
    clockStart,
    stopDate,
    stopCode,
    daysWaited,
    weeksWaited: rttWeeksWaited(daysWaited),
    treatByDate: counts ? addDays(clockStart, EIGHTEEN_WEEKS_DAYS) : null,
    breached: daysWaited > EIGHTEEN_WEEKS_DAYS,
    problems,
  };
}
