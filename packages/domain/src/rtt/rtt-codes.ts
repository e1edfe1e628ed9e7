import type { RttCode } from '../referrals/referral.ts';
import type { RttProblem } from './rtt-clock.ts';

/** Each RTT period status code in plain words (NHS Data Dictionary, RTT PERIOD STATUS). */
export const RTT_CODE_LABELS: Record<RttCode, string> = {
  '10': 'First activity: referral received, or rebooked after not attending',
  '11': 'First activity after active monitoring ends',
  '12': 'First activity after a consultant referral for a separate condition',
  '20': 'Seen, more to come: the clock keeps running',
  '21': 'Transferred to another provider: the clock continues there',
  '30': 'First definitive treatment started: the clock stops',
  '31': 'Active monitoring chosen by the patient: the clock stops',
  '32': 'Active monitoring started by the clinician: the clock stops',
  '33': 'Did not attend the first appointment: the clock is nullified',
  '34': 'Decision not to treat, or discharged to the GP: the clock stops',
  '35': 'Patient declined treatment: the clock stops',
  '36': 'Patient died before treatment: the clock stops',
  '90': 'After treatment: no RTT clock',
  '91': 'During active monitoring: no RTT clock',
  '92': 'Not yet referred for treatment: no RTT clock',
  '98': 'Not applicable to RTT',
  '99': 'Not yet known',
};

/** What each problem the clock finds means, for the validation worklist. */
export const RTT_PROBLEM_LABELS: Record<RttProblem, string> = {
  'events-out-of-order':
    'RTT events were recorded out of date order: check the dates on the pathway',
  'clock-already-running':
    'A new clock was started while one was already running: one referral may have been added twice',
  'restart-without-active-monitoring':
    'A clock was restarted with code 11 although the patient was not on active monitoring',
  'dna-after-first-attendance':
    'A did-not-attend (33) was recorded after the patient had already been seen: it cannot nullify the clock',
  'activity-without-clock':
    'Activity was recorded when no clock was running: a new clock may be needed',
};

/** Codes that start a clock. */
export const CLOCK_START_CODES: readonly RttCode[] = ['10', '11', '12'];
/** Codes that say there is no clock to run. */
export const NO_CLOCK_CODES: readonly RttCode[] = ['90', '91', '92', '98', '99'];
