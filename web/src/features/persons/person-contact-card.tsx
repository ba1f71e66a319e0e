import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Person } from '../../api/types';
import { DetailList } from '../../components/detail-list';
import { TagBadge } from '../../components/ui/badge';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { useFormat } from '../../lib/format';

const formatAddress = (address: Person['address']) =>
  address
    ? [address.street, [address.postalCode, address.city].filter(Boolean).join(' '), address.country]
        .filter(Boolean)
        .join(', ')
    : '';

/** Contact data of a person; fields the viewer may not read show "no access". */
export function PersonContactCard({ person }: { person: Person }) {
  const { t } = useTranslation();
  const format = useFormat();
  const hidden = (field: string) => person.hiddenFields.includes(field);
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('persons.contactData')}</CardTitle>
      </CardHeader>
      <CardContent>
        <DetailList
          items={[
            {
              label: t('persons.fields.email'),
              hidden: hidden('email'),
              value: person.email ? <a href={`mailto:${person.email}`}>{person.email}</a> : null,
            },
            {
              label: t('persons.fields.phone'),
              hidden: hidden('phone'),
              value: person.phone ? <a href={`tel:${person.phone}`}>{person.phone}</a> : null,
            },
            { label: t('persons.fields.jobTitle'), hidden: hidden('jobTitle'), value: person.jobTitle },
            {
              label: t('persons.fields.organization'),
              value: person.organization ? (
                <Link
                  to="/organizations/$organizationId"
                  params={{ organizationId: person.organization.id }}
                  className="text-brand-700 hover:underline"
                  data-testid="person-organization"
                >
                  {person.organization.name}
                </Link>
              ) : null,
            },
            {
              label: t('persons.fields.birthDate'),
              hidden: hidden('birthDate'),
              value: format.date(person.birthDate),
            },
            {
              label: t('persons.fields.address'),
              hidden: hidden('address'),
              value: formatAddress(person.address),
            },
            {
              label: t('persons.fields.tags'),
              hidden: hidden('tags'),
              value: person.tags?.length ? (
                <span className="flex flex-wrap gap-1">
                  {person.tags.map((tag) => (
                    <TagBadge key={tag.id} name={tag.name} color={tag.color} />
                  ))}
                </span>
              ) : null,
            },
            {
              label: t('persons.fields.notes'),
              hidden: hidden('notes'),
              value: person.notes ? <span className="whitespace-pre-wrap">{person.notes}</span> : null,
            },
            {
              label: t('persons.fields.accessibilityNeeds'),
              hidden: hidden('accessibilityNeeds'),
              value: person.accessibilityNeeds,
              testId: 'person-accessibility-needs',
            },
          ]}
        />
      </CardContent>
    </Card>
  );
}
