import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { localized } from '../../i18n';
import { catalogueQuery } from '../privacy/catalogue';

/** The data categories in catalogue order and their labels in the current language. */
export const useDataCategories = () => {
  const { i18n } = useTranslation();
  const query = useQuery(catalogueQuery);
  const categories = query.data?.dataCategories ?? [];
  return {
    error: query.error,
    categories,
    label: (id: string) => {
      const entry = categories.find((c) => c.id === id);
      return entry ? localized(entry, i18n.language) : id;
    },
  };
};
