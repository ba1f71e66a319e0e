/** A person record as the duplicate engine sees it: every field optional except the id. */
export type MatchRecord = {
  id: string;
  firstName?: string;
  lastName?: string;
  street?: string;
  houseNumber?: string;
  addressExtra?: string;
  postalCode?: string;
  city?: string;
  region?: string;
  /** YYYY-MM-DD or YYYYMMDD. */
  birthDate?: string;
  nationalId?: string;
  email?: string;
  phone?: string;
};

export const MATCH_FIELDS = [
  'id',
  'firstName',
  'lastName',
  'street',
  'houseNumber',
  'addressExtra',
  'postalCode',
  'city',
  'region',
  'birthDate',
  'nationalId',
  'email',
  'phone',
] as const satisfies readonly (keyof MatchRecord)[];
export type MatchField = (typeof MATCH_FIELDS)[number];

/** A record normalised once for blocking and comparison ('' = missing). */
export type PreparedRecord = {
  first: string;
  last: string;
  firstCode: string;
  lastCode: string;
  street: string;
  houseNumber: string;
  extra: string;
  postalCode: string;
  city: string;
  /** YYYYMMDD digits or ''. */
  birth: string;
  nationalId: string;
  email: string;
  phone: string;
};
