import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TagColor } from '../../api/types';
import { ErrorMessage } from '../../components/error-message';
import { TagBadge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { CheckboxGroup } from '../../components/ui/checkbox-group';
import { Input, Select } from '../../components/ui/input';
import { TAG_COLORS, tagsQuery, useCreateTag } from './api';

type TagPickerProps = { value: string[]; onChange: (value: string[]) => void; canCreate: boolean };

/** Tags as checkboxes, with an inline field to create a new tag (selected right away). */
export function TagPicker({ value, onChange, canCreate }: TagPickerProps) {
  const { t } = useTranslation();
  const tags = useQuery(tagsQuery);
  const createTag = useCreateTag();
  const [name, setName] = useState('');
  const inputId = useId();
  const colorId = useId();
  const [color, setColor] = useState<TagColor>('blue');
  const add = () => {
    const trimmed = name.trim();
    if (!trimmed) return;
    createTag.mutate(
      { name: trimmed, color },
      {
        onSuccess: (tag) => {
          onChange([...value, tag.id]);
          setName('');
        },
      },
    );
  };
  return (
    <div className="flex flex-col gap-2">
      <CheckboxGroup
        legend={t('persons.fields.tags')}
        columns={3}
        value={value}
        onChange={onChange}
        emptyText={t('tags.none')}
        options={(tags.data?.items ?? []).map((tag) => ({
          value: tag.id,
          label: <TagBadge name={tag.name} color={tag.color} />,
        }))}
      />
      {canCreate ? (
        <div className="flex flex-wrap items-end gap-2">
          <div className="flex basis-full flex-col gap-1 sm:max-w-xs sm:flex-1 sm:basis-auto">
            <label htmlFor={inputId} className="text-sm font-medium">
              {t('tags.newTag')}
            </label>
            <Input
              id={inputId}
              value={name}
              onChange={(event) => setName(event.target.value)}
              maxLength={50}
              onKeyDown={(event) => {
                if (event.key === 'Enter') {
                  event.preventDefault();
                  add();
                }
              }}
            />
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor={colorId} className="text-sm font-medium">
              {t('tags.color')}
            </label>
            <Select id={colorId} value={color} onChange={(event) => setColor(event.target.value as TagColor)}>
              {TAG_COLORS.map((c) => (
                <option key={c} value={c}>
                  {t(`tagColors.${c}`)}
                </option>
              ))}
            </Select>
          </div>
          <Button variant="secondary" onClick={add} disabled={createTag.isPending || !name.trim()}>
            {t('tags.add')}
          </Button>
        </div>
      ) : null}
      <ErrorMessage error={createTag.error} />
    </div>
  );
}
