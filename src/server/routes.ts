import type { FastifyInstance } from 'fastify';
import { accountRoutes } from '../modules/accounts/accounts.routes.ts';
import { auditRoutes } from '../modules/audit/audit.routes.ts';
import { authRoutes } from '../modules/auth/auth.routes.ts';
import { breachesRoutes } from '../modules/breaches/breaches.routes.ts';
import { campaignsRoutes } from '../modules/campaigns/campaigns.routes.ts';
import { casesRoutes } from '../modules/cases/cases.routes.ts';
import { catalogueRoutes } from '../modules/catalogue/catalogue.routes.ts';
import { consentRoutes } from '../modules/consent/consent.routes.ts';
import { consistencyRoutes } from '../modules/consistency/consistency.routes.ts';
import { contactChecksRoutes } from '../modules/contact-checks/contact-checks.routes.ts';
import { customerGroupsRoutes } from '../modules/customer-groups/customer-groups.routes.ts';
import { dataQualityRoutes } from '../modules/data-quality/data-quality.routes.ts';
import { dealsRoutes } from '../modules/deals/deals.routes.ts';
import { departmentsRoutes } from '../modules/departments/departments.routes.ts';
import { dpiaRoutes } from '../modules/dpia/dpia.routes.ts';
import { duplicatesRoutes } from '../modules/duplicates/duplicates.routes.ts';
import { erasureRoutes } from '../modules/erasure/erasure.routes.ts';
import { importsRoutes } from '../modules/import/imports.routes.ts';
import { interactionsRoutes } from '../modules/interactions/interactions.routes.ts';
import { invoicesRoutes } from '../modules/invoices/invoices.routes.ts';
import { lettersRoutes } from '../modules/letters/letters.routes.ts';
import { marketingSettingsRoutes } from '../modules/mail/marketing-settings.routes.ts';
import { outboxRoutes } from '../modules/mail/outbox.routes.ts';
import { ordersRoutes } from '../modules/orders/orders.routes.ts';
import { organizationsRoutes } from '../modules/organizations/organizations.routes.ts';
import { personsRoutes } from '../modules/persons/persons.routes.ts';
import { photosRoutes } from '../modules/photos/photos.routes.ts';
import { pipelineRoutes } from '../modules/pipeline/pipeline.routes.ts';
import { portalRoutes } from '../modules/portal/portal.routes.ts';
import { quotesRoutes } from '../modules/quotes/quotes.routes.ts';
import { recipientsRoutes } from '../modules/recipients/recipients.routes.ts';
import { systemsRegisterRoutes } from '../modules/recipients/register.routes.ts';
import { redactionRoutes } from '../modules/redaction/redaction.routes.ts';
import { reportsRoutes } from '../modules/reports/reports.routes.ts';
import { requestsRoutes } from '../modules/requests/requests.routes.ts';
import { deletionConceptRoutes } from '../modules/retention/deletion-concept.routes.ts';
import { retentionSweepRoutes } from '../modules/retention/sweeps.routes.ts';
import { ropaRoutes } from '../modules/ropa/ropa.routes.ts';
import { segmentsRoutes } from '../modules/segments/segments.routes.ts';
import { selfCheckRoutes } from '../modules/self-check/self-check.routes.ts';
import { setupRoutes } from '../modules/setup/setup.routes.ts';
import { signupsRoutes } from '../modules/signups/signups.routes.ts';
import { subjectDataRoutes } from '../modules/subject-data/subject-data.routes.ts';
import { subjectRightsRoutes } from '../modules/subject-rights/subject-rights.routes.ts';
import { tagsRoutes } from '../modules/tags/tags.routes.ts';
import { tasksRoutes } from '../modules/tasks/tasks.routes.ts';
import { tokensRoutes } from '../modules/tokens/tokens.routes.ts';
import { usersRoutes } from '../modules/users/users.routes.ts';
import { webFormsRoutes } from '../modules/web-forms/web-forms.routes.ts';
import type { AppContext } from './context.ts';

/** Every capability's routes under /api/v1. */
export const registerRoutes = (api: FastifyInstance, ctx: AppContext) => {
  for (const register of [
    setupRoutes,
    authRoutes,
    catalogueRoutes,
    departmentsRoutes,
    usersRoutes,
    tokensRoutes,
    tagsRoutes,
    organizationsRoutes,
    personsRoutes,
    duplicatesRoutes,
    contactChecksRoutes,
    importsRoutes,
    interactionsRoutes,
    auditRoutes,
    customerGroupsRoutes,
    invoicesRoutes,
    pipelineRoutes,
    dealsRoutes,
    quotesRoutes,
    ordersRoutes,
    casesRoutes,
    tasksRoutes,
    accountRoutes,
    reportsRoutes,
    requestsRoutes,
    erasureRoutes,
    redactionRoutes,
    subjectRightsRoutes,
    subjectDataRoutes,
    recipientsRoutes,
    lettersRoutes,
    portalRoutes,
    signupsRoutes,
    webFormsRoutes,
    consentRoutes,
    marketingSettingsRoutes,
    outboxRoutes,
    segmentsRoutes,
    campaignsRoutes,
    breachesRoutes,
    deletionConceptRoutes,
    retentionSweepRoutes,
    ropaRoutes,
    dpiaRoutes,
    selfCheckRoutes,
    systemsRegisterRoutes,
    dataQualityRoutes,
    consistencyRoutes,
    photosRoutes,
  ]) {
    register(api, ctx);
  }
};
