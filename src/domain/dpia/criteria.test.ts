import { describe, expect, it } from 'vitest';
import {
  ART35_CRITERIA,
  AUTO_TRIGGERS,
  type AutoTrigger,
  CRITERION_LABELS,
  DSK_CRITERIA,
  MANUAL_CRITERIA,
  screen,
  WP248_CRITERIA,
} from './criteria.ts';

describe('screen (Schwellwertanalyse)', () => {
  it.each([
    { label: 'nothing', manual: [], auto: [], required: false, reasons: [], wp248: [] },
    {
      label: 'one WP248 criterion',
      manual: ['wp248_large_scale'],
      auto: [],
      required: false,
      reasons: [],
      wp248: ['wp248_large_scale'],
    },
    {
      label: 'two WP248 criteria',
      manual: ['wp248_vulnerable', 'wp248_large_scale'],
      auto: [],
      required: true,
      reasons: ['wp248_two_or_more'],
      wp248: ['wp248_large_scale', 'wp248_vulnerable'],
    },
    {
      label: 'the same criterion twice',
      manual: ['wp248_matching', 'wp248_matching'],
      auto: [],
      required: false,
      reasons: [],
      wp248: ['wp248_matching'],
    },
    {
      label: 'Art. 35(3)(a)',
      manual: ['art35_3_a'],
      auto: [],
      required: true,
      reasons: ['art35'],
      wp248: [],
    },
    {
      label: 'Art. 35(3)(c)',
      manual: ['art35_3_c'],
      auto: [],
      required: true,
      reasons: ['art35'],
      wp248: [],
    },
    { label: 'a DSK item', manual: ['dsk_profiles'], auto: [], required: true, reasons: ['dsk'], wp248: [] },
    {
      label: 'special categories found in the data',
      manual: [],
      auto: ['auto_special_categories'],
      required: true,
      reasons: ['special_categories'],
      wp248: ['wp248_sensitive'],
    },
    {
      label: 'behaviour segments alone (one WP248 criterion)',
      manual: [],
      auto: ['auto_behaviour_segments'],
      required: false,
      reasons: [],
      wp248: ['wp248_evaluation'],
    },
    {
      label: 'behaviour segments and large scale',
      manual: ['wp248_large_scale'],
      auto: ['auto_behaviour_segments'],
      required: true,
      reasons: ['wp248_two_or_more'],
      wp248: ['wp248_evaluation', 'wp248_large_scale'],
    },
    {
      label: 'behaviour segments and the ticked evaluation criterion count once',
      manual: ['wp248_evaluation'],
      auto: ['auto_behaviour_segments'],
      required: false,
      reasons: [],
      wp248: ['wp248_evaluation'],
    },
    {
      label: 'everything at once',
      manual: ['dsk_ai', 'art35_3_b', 'wp248_innovative'],
      auto: ['auto_special_categories', 'auto_behaviour_segments'],
      required: true,
      reasons: ['art35', 'dsk', 'wp248_two_or_more', 'special_categories'],
      wp248: ['wp248_evaluation', 'wp248_sensitive', 'wp248_innovative'],
    },
  ] as {
    label: string;
    manual: string[];
    auto: AutoTrigger[];
    required: boolean;
    reasons: string[];
    wp248: string[];
  }[])('$label', ({ manual, auto, required, reasons, wp248 }) => {
    const result = screen({ manual, auto });
    expect(result.required).toBe(required);
    expect(result.reasons).toEqual(reasons);
    expect(result.wp248).toEqual(wp248);
    expect(new Set(result.triggers)).toEqual(new Set([...manual, ...auto]));
  });

  it('lists the triggers automatic first, then in catalogue order', () => {
    expect(
      screen({ manual: ['wp248_vulnerable', 'dsk_location', 'art35_3_b'], auto: ['auto_behaviour_segments'] })
        .triggers,
    ).toEqual(['auto_behaviour_segments', 'art35_3_b', 'dsk_location', 'wp248_vulnerable']);
  });

  it('requires a DPIA for every single Art. 35(3) case and DSK item, and for every pair of WP248 criteria', () => {
    for (const c of [...ART35_CRITERIA, ...DSK_CRITERIA])
      expect(screen({ manual: [c], auto: [] }).required).toBe(true);
    for (const a of WP248_CRITERIA) {
      expect(screen({ manual: [a], auto: [] }).required).toBe(false);
      for (const b of WP248_CRITERIA) expect(screen({ manual: [a, b], auto: [] }).required).toBe(a !== b);
    }
  });

  it('has the nine WP248 criteria, the three Art. 35(3) cases and a label in both languages for every criterion', () => {
    expect(WP248_CRITERIA).toHaveLength(9);
    expect(ART35_CRITERIA).toHaveLength(3);
    for (const c of [...MANUAL_CRITERIA, ...AUTO_TRIGGERS]) {
      expect(CRITERION_LABELS[c].de.length).toBeGreaterThan(5);
      expect(CRITERION_LABELS[c].en.length).toBeGreaterThan(5);
    }
  });
});
