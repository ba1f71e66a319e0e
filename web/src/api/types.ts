/** Named types used by the UI, all derived from `paths` so they follow the generated schema. */
import type { paths } from './paths';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Method = 'get' | 'post' | 'patch' | 'delete';
type Op<P extends keyof paths, M extends Method> = paths[P] extends { [K in M]: infer O } ? O : never;

export type ResponseOf<P extends keyof paths, M extends Method> =
  Op<P, M> extends {
    responses: infer R;
  }
    ? Json<R extends { 200: infer S } ? S : R extends { 201: infer S } ? S : never>
    : never;
export type RequestOf<P extends keyof paths, M extends Method> =
  Op<P, M> extends { requestBody?: infer B } ? Json<NonNullable<B>> : never;
export type QueryOf<P extends keyof paths, M extends Method> =
  Op<P, M> extends {
    parameters: { query?: infer Q };
  }
    ? NonNullable<Q>
    : never;

export type ApiErrorBody = {
  code: string;
  message: string;
  details?: { path: string; message: string }[];
};

export type Session = ResponseOf<'/api/v1/auth/session', 'get'>;
export type SessionUser = Session['user'];
export type Role = SessionUser['role'];
export type LoginResult = ResponseOf<'/api/v1/auth/login', 'post'>;
export type SetupInput = RequestOf<'/api/v1/setup', 'post'>;

export type Catalogue = ResponseOf<'/api/v1/privacy/catalogue', 'get'>;
export type PurposeInfo = Catalogue['purposes'][number];
export type LegalBasisInfo = Catalogue['legalBases'][number];
export type PurposeInput = RequestOf<'/api/v1/purposes', 'post'>;

export type PersonPage = ResponseOf<'/api/v1/persons', 'get'>;
export type PersonSummary = PersonPage['items'][number];
export type PersonListQuery = QueryOf<'/api/v1/persons', 'get'>;
export type Person = ResponseOf<'/api/v1/persons/{id}', 'get'>;
export type PersonKind = Person['kind'];
export type PersonInput = RequestOf<'/api/v1/persons', 'post'>;
export type PersonPatch = RequestOf<'/api/v1/persons/{id}', 'patch'>;
export type Tag = NonNullable<PersonSummary['tags']>[number];
export type TagColor = RequestOf<'/api/v1/tags', 'post'>['color'];
export type LegalBasisId = Person['legalBasis'];
export type SourceKind = PersonInput['source']['kind'];

export type Interaction = ResponseOf<'/api/v1/persons/{id}/interactions', 'get'>['items'][number];
export type InteractionInput = RequestOf<'/api/v1/persons/{id}/interactions', 'post'>;
export type InteractionKind = Interaction['kind'];
export type InteractionDirection = NonNullable<Interaction['direction']>;

export type OrganizationPage = ResponseOf<'/api/v1/organizations', 'get'>;
export type OrganizationSummary = OrganizationPage['items'][number];
export type OrganizationListQuery = QueryOf<'/api/v1/organizations', 'get'>;
export type Organization = ResponseOf<'/api/v1/organizations/{id}', 'get'>;
export type OrganizationKind = OrganizationSummary['kind'];
export type OrganizationInput = RequestOf<'/api/v1/organizations', 'post'>;
export type OrganizationPatch = RequestOf<'/api/v1/organizations/{id}', 'patch'>;

export type Department = ResponseOf<'/api/v1/departments', 'get'>['items'][number];
export type User = ResponseOf<'/api/v1/users', 'get'>['items'][number];
export type UserInput = RequestOf<'/api/v1/users', 'post'>;
export type UserPatch = RequestOf<'/api/v1/users/{id}', 'patch'>;
export type ApiToken = ResponseOf<'/api/v1/tokens', 'get'>['items'][number];

export type AuditPage = ResponseOf<'/api/v1/audit', 'get'>;
export type AuditEntry = AuditPage['items'][number];
export type AuditQuery = QueryOf<'/api/v1/audit', 'get'>;
export type AuditAction = NonNullable<AuditQuery['action']>;
export type AuditVerification = ResponseOf<'/api/v1/audit/verify', 'get'>;
export type PersonHistoryEntry = ResponseOf<'/api/v1/persons/{id}/history', 'get'>['items'][number];
