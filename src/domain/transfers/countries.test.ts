import { describe, expect, it } from 'vitest';
import {
  ADEQUACY_DECISIONS,
  adequacyDecisionFor,
  EEA_COUNTRIES,
  isEea,
  isThirdCountry,
} from './countries.ts';

describe('EU/EEA and third countries', () => {
  it('lists the 27 EU member states and the 3 EEA states, once each', () => {
    expect(EEA_COUNTRIES).toHaveLength(30);
    expect(new Set(EEA_COUNTRIES).size).toBe(30);
    for (const c of EEA_COUNTRIES) expect(c).toMatch(/^[A-Z]{2}$/);
  });

  it.each([
    ['DE', false],
    ['AT', false],
    ['GR', false],
    ['IS', false],
    ['LI', false],
    ['NO', false],
    ['de', false],
    ['CH', true],
    ['GB', true],
    ['US', true],
    ['IN', true],
    ['EL', true], // the EU's code for Greece is not ISO 3166: not recognised as EEA
    [null, false], // unknown: not a third country (the register warns about the missing country)
  ] as const)('%s → third country %s', (country, third) => {
    expect(isThirdCountry(country)).toBe(third);
    if (country !== null) expect(isEea(country)).toBe(!third);
  });
});

describe('adequacy decisions', () => {
  it('are sorted by country, unique, outside the EEA and carry a decision reference', () => {
    const codes = ADEQUACY_DECISIONS.map((d) => d.country);
    expect(codes).toEqual([...codes].sort());
    expect(new Set(codes).size).toBe(codes.length);
    for (const d of ADEQUACY_DECISIONS) {
      expect(isThirdCountry(d.country)).toBe(true);
      expect(d.reference).toMatch(/\d{4}\/\d+/);
      expect(d.nameDe.length).toBeGreaterThan(0);
      expect(d.nameEn.length).toBeGreaterThan(0);
      expect(d.scope === 'full').toBe(d.scopeNote === undefined);
    }
  });

  it.each([
    ['CH', 'full', 'Entscheidung 2000/518/EG'],
    ['GB', 'full', 'Durchführungsbeschluss (EU) 2021/1772'],
    ['JP', 'partial', 'Durchführungsbeschluss (EU) 2019/419'],
    ['KR', 'full', 'Durchführungsbeschluss (EU) 2022/254'],
    ['CA', 'partial', 'Entscheidung 2002/2/EG'],
    ['US', 'certified_only', 'Durchführungsbeschluss (EU) 2023/1795 (EU-US Data Privacy Framework)'],
    ['us', 'certified_only', 'Durchführungsbeschluss (EU) 2023/1795 (EU-US Data Privacy Framework)'],
  ] as const)('%s: %s, %s', (country, scope, reference) => {
    expect(adequacyDecisionFor(country)).toMatchObject({ scope, reference });
  });

  it.each(['IN', 'CN', 'BR', 'RU', 'DE', null])('%s has none', (country) => {
    expect(adequacyDecisionFor(country)).toBeNull();
  });
});
