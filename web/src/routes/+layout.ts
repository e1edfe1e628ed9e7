// ClinicDesk is a single-page app: every page renders on the device, from IndexedDB.
export const ssr = false;
export const prerender = false;
