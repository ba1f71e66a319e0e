import { Link } from '@tanstack/react-router';
import type { ColumnDef } from '@tanstack/react-table';
import type { TFunction } from 'i18next';
import type { PersonSummary } from '../../api/types';
import { Badge, TagBadge } from '../../components/ui/badge';

/** Columns of the persons list; ids match the API's sort keys where sortable. */
export const personColumns = (
  t: TFunction,
  formatDate: (v: string) => string,
): ColumnDef<PersonSummary>[] => [
  {
    id: 'lastName',
    header: t('persons.fields.lastName'),
    cell: ({ row }) => (
      <Link
        to="/persons/$personId"
        params={{ personId: row.original.id }}
        className="font-medium text-brand-700 hover:underline"
        data-testid="person-link"
      >
        {row.original.lastName}
      </Link>
    ),
  },
  { id: 'firstName', header: t('persons.fields.firstName'), cell: ({ row }) => row.original.firstName },
  {
    id: 'kind',
    header: t('persons.fields.kind'),
    cell: ({ row }) => <Badge tone="brand">{t(`personKinds.${row.original.kind}`)}</Badge>,
  },
  {
    id: 'organization',
    header: t('persons.fields.organization'),
    cell: ({ row }) =>
      row.original.organization ? (
        <Link
          to="/organizations/$organizationId"
          params={{ organizationId: row.original.organization.id }}
          className="hover:underline"
        >
          {row.original.organization.name}
        </Link>
      ) : null,
  },
  { id: 'email', header: t('persons.fields.email'), cell: ({ row }) => row.original.email },
  { id: 'phone', header: t('persons.fields.phone'), cell: ({ row }) => row.original.phone },
  { id: 'city', header: t('persons.fields.city'), cell: ({ row }) => row.original.city },
  {
    id: 'tags',
    header: t('persons.fields.tags'),
    cell: ({ row }) => (
      <div className="flex flex-wrap gap-1">
        {(row.original.tags ?? []).map((tag) => (
          <TagBadge key={tag.id} name={tag.name} color={tag.color} />
        ))}
      </div>
    ),
  },
  {
    id: 'updatedAt',
    header: t('common.updatedAt'),
    cell: ({ row }) => <span className="whitespace-nowrap">{formatDate(row.original.updatedAt)}</span>,
  },
];
