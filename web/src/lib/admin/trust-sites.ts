/** A hospital site of the Trust, as the sites table names it. */
export interface TrustSite {
  id: string;
  code: string;
  name: string;
}

/**
 * The Trust's sites, for choosing where a person works. The administrator's device holds no
 * site data, so this list must follow the sites table by hand until the server serves it (a
 * later issue); the server refuses a site it does not have.
 */
export const TRUST_SITES: readonly TrustSite[] = [
  { id: 'site-ktc', code: 'KTC', name: 'Kidderminster Treatment Centre' },
  { id: 'site-alx', code: 'ALX', name: 'Alexandra Hospital, Redditch' },
  { id: 'site-wrh', code: 'WRH', name: 'Worcestershire Royal Hospital' },
];

/** The site with this id, or undefined when the list does not know it. */
export function findTrustSite(id: string): TrustSite | undefined {
  return TRUST_SITES.find((site) => site.id === id);
}
