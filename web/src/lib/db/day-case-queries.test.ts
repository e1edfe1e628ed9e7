import { describe, expect, it } from 'vitest';
import {
  addDays,
  generateDepartment,
  startOfWeek,
  SURGICAL_PRIORITIES,
  type Department,
} from '@clinicdesk/domain';
import { useTestDevice } from './test-device.test-support.ts';
import {
  cancelledOnTheDayList,
  chaplaincyRows,
  dayCaseListsFrom,
  dayCaseWaitingList,
  dayCaseListReport,
} from './day-case-queries.ts';
import { dayCaseReportCsv } from '../day-cases/report-csv.ts';
import { mutate } from '../sync/outbox.ts';

const TODAY = '2026-11-24';
const clockOn = (today: string) => ({ now: new Date(`${today}T09:00:00Z`), today });
const DEPT: Department = generateDepartment({ seed: 4, today: TODAY, referrals: 600 });
const db = useTestDevice(DEPT);

async function edit(name: string, args: unknown, today = TODAY) {
  const result = await mutate(db(), 'client-test', name, args, clockOn(today));
  if (!result.ok) throw new Error(`${name}: ${result.message}`);
}

/** A day-case pathway with no unavailability and no pre-op to book, and a list at its site. */
async function bookable() {
  const lines = await dayCaseWaitingList(db(), TODAY);
  const line = lines.find((l) => l.details && l.details.unavailable.length === 0)!;
  await edit('daycase.update', {
    referralId: line.referral.id,
    ...line.details,
    preOp: { needed: false, outcome: 'not-done', date: null },
  });
  const lists = await dayCaseListsFrom(db(), TODAY, 60);
  return { line, list: lists.find((l) => l.list.date > TODAY)!.list };
}

describe('the day-case waiting list on a device', () => {
  it('holds every day-case pathway, P1 first then the oldest decision to admit, with its patient', async () => {
    const lines = await dayCaseWaitingList(db(), TODAY);
    expect(lines).toHaveLength(DEPT.referrals.filter((r) => r.status === 'day-case').length);
    const keys = lines.map(
      (l) => [SURGICAL_PRIORITIES.indexOf(l.details!.priority), l.details!.decisionDate] as const,
    );
    const sorted = [...keys].sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]));
    expect(keys).toEqual(sorted);
    expect(lines.every((l) => l.patient && !l.admission)).toBe(true);
  });

  it('shows the booked TCI on the pathway and takes a place on its list', async () => {
    const { line, list } = await bookable();
    const before = (await dayCaseListsFrom(db(), TODAY, 60)).find((l) => l.list.id === list.id)!;
    await edit('admission.book', {
      admissionId: 'adm-1',
      referralId: line.referral.id,
      listId: list.id,
    });
    const after = (await dayCaseWaitingList(db(), TODAY)).find(
      (l) => l.referral.id === line.referral.id,
    )!;
    expect(after.admission?.tciDate).toBe(list.date);
    expect(after.tciDate).toBe(list.date);
    const use = (await dayCaseListsFrom(db(), TODAY, 60)).find((l) => l.list.id === list.id)!.use;
    expect(use.remaining).toBe(before.use.remaining - 1);
  });
});

describe('cancelled on the day, on a device', () => {
  it('lists an on-the-day hospital cancellation with its 28-day date, overdue after it, until rebooked', async () => {
    const { line, list } = await bookable();
    await edit('admission.book', {
      admissionId: 'adm-1',
      referralId: line.referral.id,
      listId: list.id,
    });
    await edit(
      'admission.cancel',
      { admissionId: 'adm-1', by: 'hospital', onTheDay: true, reason: 'No bed' },
      list.date,
    );
    const [item] = await cancelledOnTheDayList(db(), list.date);
    expect(item).toMatchObject({ overdue: false, admission: { id: 'adm-1' } });
    expect(item!.patient?.id).toBe(line.referral.patientId);
    const late = await cancelledOnTheDayList(db(), '2027-03-01');
    expect(late[0]!.overdue).toBe(true);
    const later = (await dayCaseListsFrom(db(), list.date, 60)).find(
      (l) => l.list.date > list.date,
    )!;
    await edit(
      'admission.book',
      { admissionId: 'adm-2', referralId: line.referral.id, listId: later.list.id },
      list.date,
    );
    expect(await cancelledOnTheDayList(db(), list.date)).toEqual([]);
  });
});

describe('the weekly day-case report', () => {
  it('gives each list of the week its use and its patients, and the same as CSV', async () => {
    const { line, list } = await bookable();
    await edit('admission.book', {
      admissionId: 'adm-1',
      referralId: line.referral.id,
      listId: list.id,
    });
    const monday = startOfWeek(list.date);
    const report = await dayCaseListReport(db(), monday, addDays(monday, 6));
    expect(report.map((r) => r.list.id).sort()).toEqual(
      DEPT.dayCaseLists
        .filter((l) => l.date >= monday && l.date <= addDays(monday, 6))
        .map((l) => l.id)
        .sort(),
    );
    const booked = report.find((r) => r.list.id === list.id);
    expect(booked!.patients.map((p) => p.admission.id)).toEqual(['adm-1']);
    expect(booked!.patients[0]!.patient?.id).toBe(line.referral.patientId);
    expect(booked!.use).toMatchObject({ used: 1, remaining: 5 });
    const sites = new Map(DEPT.sites.map((s) => [s.id, s]));
    const clinicians = new Map(DEPT.clinicians.map((c) => [c.id, c]));
    const csv = dayCaseReportCsv(report, sites, clinicians);
    expect(csv.startsWith('\uFEFF"List date","Site","Surgeon"')).toBe(true);
    expect(csv.trimEnd().split('\r\n')).toHaveLength(
      1 + report.reduce((n, r) => n + Math.max(1, r.patients.length), 0),
    );
  });
});

describe('the chaplaincy list on a device', () => {
  it('lists a booked patient who agreed, with their name and list, and forgets one who changed their mind', async () => {
    const { line, list } = await bookable();
    await edit('admission.book', {
      admissionId: 'adm-1',
      referralId: line.referral.id,
      listId: list.id,
    });
    await edit('admission.religion', {
      admissionId: 'adm-1',
      religion: 'Buddhist',
      chaplaincyVisit: true,
    });
    const range = { from: list.date, to: list.date, siteId: list.siteId };
    const [row, ...rest] = await chaplaincyRows(db(), range);
    expect(rest).toEqual([]);
    expect(row).toMatchObject({ religion: 'Buddhist', list: { id: list.id } });
    expect(row!.patient?.id).toBe(line.referral.patientId);
    await edit('admission.religion', {
      admissionId: 'adm-1',
      religion: 'Buddhist',
      chaplaincyVisit: false,
    });
    expect(await chaplaincyRows(db(), range)).toEqual([]);
  });
});
