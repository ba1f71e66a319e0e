/** The pipeline a new tenant starts with (migration 0007 gave existing tenants the same). */
export const DEFAULT_PIPELINE = [
  { nameDe: 'Neu', nameEn: 'New', probability: 10, outcome: 'open' },
  { nameDe: 'Qualifiziert', nameEn: 'Qualified', probability: 25, outcome: 'open' },
  { nameDe: 'Angebot', nameEn: 'Proposal', probability: 50, outcome: 'open' },
  { nameDe: 'Verhandlung', nameEn: 'Negotiation', probability: 75, outcome: 'open' },
  { nameDe: 'Gewonnen', nameEn: 'Won', probability: 100, outcome: 'won' },
  { nameDe: 'Verloren', nameEn: 'Lost', probability: 0, outcome: 'lost' },
] as const;

/** The customer groups a new tenant starts with; the administrator or accounting can add more. */
export const DEFAULT_CUSTOMER_GROUPS = ['Großkunden', 'Fachhandel', 'Privatkunden'] as const;
