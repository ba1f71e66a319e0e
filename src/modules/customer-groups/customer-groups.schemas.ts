import { z } from 'zod';

const Name = z.string().trim().min(1).max(100).describe('Name of the group, e.g. "Großkunden"');

export const CustomerGroupCreate = z.strictObject({ name: Name }).meta({ id: 'CustomerGroupCreate' });
export const CustomerGroupPatch = z.strictObject({ name: Name }).meta({ id: 'CustomerGroupPatch' });
export type CustomerGroupInput = z.infer<typeof CustomerGroupCreate>;

export const CustomerGroup = z
  .object({
    id: z.string(),
    name: z.string(),
    organizationCount: z.number().describe('Organisations in the group that the viewer may see'),
    createdAt: z.string(),
  })
  .meta({ id: 'CustomerGroup' });

export const CustomerGroupList = z
  .object({ items: z.array(CustomerGroup) })
  .meta({ id: 'CustomerGroupList' });
