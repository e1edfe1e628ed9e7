import type { LetterKind, LetterWording } from './letter.ts';

/**
 * The department's booking office telephone, in the default wording only (a manager rewords
 * it for their own Trust). From Ofcom's range reserved for drama, so it rings no one.
 */
export const BOOKING_OFFICE_PHONE = '01632 960000';

const SIGN_OFF = `Yours sincerely,

Booking Office
Oral and Maxillofacial Surgery`;

/**
 * The wording each letter has until a manager changes it (version 1): plain, courteous NHS
 * letter English. The Trust's heading, the address block, the date and the NHS number are
 * laid out by the letter page itself; the wording is the salutation, the body and the sign-off.
 */
export const DEFAULT_LETTER_WORDING: Record<LetterKind, LetterWording> = {
  'appointment-confirmation': {
    subject: 'Your appointment on {{appointment.date}} at {{appointment.time}}',
    body: `Dear {{patient.name}},

You have an appointment with the Oral and Maxillofacial Surgery team:

Date: {{appointment.date}}
Time: {{appointment.time}}
Clinic: {{clinic.name}}, {{clinic.room}}
Hospital: {{clinic.site}}
Consultant: {{clinician.name}}

The appointment is about: {{referral.reason}}.

Please arrive ten minutes early and bring a list of any medicines you take. You may be seen by a member of the consultant's team.

If you cannot come, please ring the Booking Office on ${BOOKING_OFFICE_PHONE} as soon as you can, so that we can offer the appointment to someone else and give you another. Patients who miss an appointment without telling us may be discharged back to their GP.

${SIGN_OFF}`,
  },
  'appointment-change': {
    subject: 'Your appointment has changed: now {{appointment.date}} at {{appointment.time}}',
    body: `Dear {{patient.name}},

We are sorry that we had to cancel your appointment on {{previous.date}} at {{previous.time}}. Your new appointment is:

Date: {{appointment.date}}
Time: {{appointment.time}}
Clinic: {{clinic.name}}, {{clinic.room}}
Hospital: {{clinic.site}}
Consultant: {{clinician.name}}

Please arrive ten minutes early and bring a list of any medicines you take.

If this new time does not suit you, please ring the Booking Office on ${BOOKING_OFFICE_PHONE} and we will do our best to find another.

${SIGN_OFF}`,
  },
  'appointment-cancellation': {
    subject: 'Your appointment on {{appointment.date}} has been cancelled',
    body: `Dear {{patient.name}},

Your appointment with the Oral and Maxillofacial Surgery team on {{appointment.date}} at {{appointment.time}} at {{clinic.site}} has been cancelled.

Reason: {{cancellation.reason}}

You stay on our waiting list and your waiting time continues. We will write to you again with a new appointment. If you no longer need to be seen, or your condition has got worse, please ring the Booking Office on ${BOOKING_OFFICE_PHONE}.

${SIGN_OFF}`,
  },
  tci: {
    subject: 'Your admission on {{tci.date}}: {{tci.procedure}}',
    body: `Dear {{patient.name}},

We have arranged for you to come into {{clinic.site}} on {{tci.date}} for your procedure under the care of {{clinician.name}}:

{{tci.procedure}}

Your pre-operative assessment is on {{preop.date}}. Please come to it: we check that you are well enough for your procedure and answer your questions. Bring all of your medicines, in their boxes.

Before you come in

Eating and drinking: do not eat anything, including sweets and chewing gum, for 6 hours before the time you are asked to arrive. You may drink water until 2 hours before. We will give you your arrival time at your pre-operative assessment.

Medicines: take your usual medicines on the day with a small sip of water, unless we tell you otherwise. If you take medicines to thin your blood or for diabetes, please tell us at your pre-operative assessment, because they may need to be changed before your procedure.

Going home: if you are having a general anaesthetic or sedation, an adult must take you home and stay with you for 24 hours. You must not drive, drink alcohol or sign important documents for 48 hours.

Who to call

Please ring the Booking Office on ${BOOKING_OFFICE_PHONE} if you cannot come, if you have a cold, a cough or a temperature in the days before, if you might be pregnant, or if you have any questions.

${SIGN_OFF}`,
  },
  'dna-gp': {
    subject: 'Did not attend: {{patient.name}}, NHS number {{patient.nhsNumber}}',
    body: `Dear Doctor,

Re: {{patient.name}}, born {{patient.dateOfBirth}}, NHS number {{patient.nhsNumber}}

Your patient did not attend their appointment with {{clinician.name}} at {{clinic.site}} on {{appointment.date}} at {{appointment.time}}, and did not let us know beforehand. The referral was for: {{referral.reason}}.

In line with the Trust's access policy we have discharged them back to your care. If you feel they still need to be seen, please refer them again.

${SIGN_OFF}`,
  },
  'discharge-gp': {
    subject: 'Discharge: {{patient.name}}, NHS number {{patient.nhsNumber}}',
    body: `Dear Doctor,

Re: {{patient.name}}, born {{patient.dateOfBirth}}, NHS number {{patient.nhsNumber}}

Your patient, referred to us on {{referral.receivedDate}} for {{referral.reason}}, has been discharged from the care of {{clinician.name}} at {{clinic.site}}.

Reason: {{discharge.reason}}

Please refer them again if you have any further concerns.

${SIGN_OFF}`,
  },
  'triage-outcome-referrer': {
    subject: 'Your referral of {{patient.name}}, NHS number {{patient.nhsNumber}}',
    body: `Dear {{referral.referrer}},

Re: {{patient.name}}, born {{patient.dateOfBirth}}, NHS number {{patient.nhsNumber}}

Thank you for your referral, received on {{referral.receivedDate}}, about: {{referral.reason}}.

{{clinician.name}} has reviewed it and {{triage.outcome}}, for this reason: {{triage.reason}}.

If the patient's condition changes, please refer them again.

${SIGN_OFF}

cc: {{patient.name}}; {{gp.practice}}`,
  },
  'clinic-outcome-gp': {
    subject: 'Clinic outcome: {{patient.name}}, NHS number {{patient.nhsNumber}}',
    body: `Dear Doctor,

Re: {{patient.name}}, born {{patient.dateOfBirth}}, NHS number {{patient.nhsNumber}}

Your patient, referred to us on {{referral.receivedDate}} for {{referral.reason}}, was seen by {{clinician.name}} at {{clinic.site}} on {{outcome.date}}.

{{outcome.summary}}

{{outcome.note}}

Please contact the Booking Office on ${BOOKING_OFFICE_PHONE} if you have any questions.

${SIGN_OFF}

cc: {{patient.name}}`,
  },
};
