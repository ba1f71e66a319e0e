import { inTenant } from '../../db/tenant.ts';
import { AppError } from '../../domain/errors.ts';
import { validateMapping } from '../../domain/import/mapping.ts';
import type { Actor, AppContext } from '../../server/context.ts';
import * as repo from './imports.repository.ts';
import type { ImportMappingCreateInput } from './imports.schemas.ts';
import { assertCan } from './imports.service.ts';

/** Saved column mappings: header names → person fields, offered for files with the same columns. */
const toMapping = (m: Awaited<ReturnType<typeof repo.listMappings>>[number]) => ({
  id: m.id,
  name: m.name,
  columns: m.columns,
  mapping: m.mapping as never,
  createdAt: m.created_at.toISOString(),
});

export const listImportMappings = (ctx: AppContext, actor: Actor) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertCan(actor, 'imports.run');
    return { items: (await repo.listMappings(tx)).map(toMapping) };
  });

export const createImportMapping = (ctx: AppContext, actor: Actor, body: ImportMappingCreateInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertCan(actor, 'imports.run');
    const columns = [...new Set(body.columns)];
    const mapping = validateMapping({ columns, mapping: body.mapping });
    return toMapping(
      await repo.upsertMapping(tx, {
        tenant_id: actor.tenantId,
        name: body.name,
        columns,
        mapping,
        created_by: actor.userId,
      }),
    );
  });

export const deleteImportMapping = (ctx: AppContext, actor: Actor, id: string) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertCan(actor, 'imports.run');
    if (!(await repo.deleteMapping(tx, id)))
      throw new AppError('not_found', { params: { entity: 'import mapping' } });
  });
