/**
 * The privacy portal's API objects (GET /api/v1/portal/me and friends). Written from the contract in
 * the issue brief; the portal routes live outside the staff session, so they are called through
 * `portal-client.ts`, not the staff client.
 */
export type PortalAddress = {
  street?: string | null;
  postalCode?: string | null;
  city?: string | null;
  country?: string | null;
};

export type PortalSource = string | { kind?: string | null; detail?: string | null } | null;

export type PortalConsentState = 'valid' | 'withdrawn' | 'superseded';

export type PortalConsent = {
  id: string;
  purposeId: string;
  purpose?: { id: string; label: string } | null;
  channel: string;
  address?: string | null;
  wording?: {
    id?: string;
    version: number;
    language?: string;
    text: string;
    advertiser?: string | null;
    productScope?: string | null;
  } | null;
  method: string;
  givenAt: string;
  state: PortalConsentState;
  withdrawnAt?: string | null;
  withdrawalMethod?: string | null;
};

export type PortalRequest = {
  id: string;
  number: string;
  type: string;
  status: string;
  dueAt: string;
  createdAt?: string | null;
};

export type PortalPerson = {
  id: string;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  birthDate: string | null;
  address: PortalAddress | null;
  purposes: { id: string; label: string }[];
  legalBasis: string | null;
  source: PortalSource;
  collectedAt: string | null;
  restricted: boolean;
  marketingObjection: boolean;
  consents: PortalConsent[];
  requests: PortalRequest[];
};

export type PortalMe = {
  persons: PortalPerson[];
  /** the company that runs the CRM, when the API names it */
  controller?: { name?: string | null } | null;
  companyName?: string | null;
};

export type PortalSession = {
  csrfToken: string;
  expiresAt: string;
  persons: { id: string; firstName: string }[];
};

export type PortalRequestType = 'rectification' | 'erasure' | 'restriction' | 'access';

export type PortalRequestInput = {
  personId: string;
  type: PortalRequestType;
  details?: { message?: string; corrections?: Record<string, unknown> };
};

export type PortalRequestCreated = { id: string; number: string; dueAt: string };
