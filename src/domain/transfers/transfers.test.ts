import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import {
  assertTransfer,
  assessEntry,
  type EntryFacts,
  type TransferMechanism,
  transferDetailsFor,
  transferMismatch,
} from './transfers.ts';

describe('transferMismatch: which mechanism fits which country', () => {
  it.each([
    // no mechanism: always fine here (the assessment reports a missing one)
    ['US', null, null],
    ['DE', null, null],
    [null, null, null],
    // inside the EU/EEA or without a country nothing is transferred to a third country
    ['DE', 'scc', 'not_third_country'],
    ['NO', 'adequacy', 'not_third_country'],
    [null, 'dpf', 'not_third_country'],
    // adequacy only where a decision covers the country, not the US (certified organisations only)
    ['CH', 'adequacy', null],
    ['JP', 'adequacy', null],
    ['CA', 'adequacy', null],
    ['US', 'adequacy', 'no_adequacy'],
    ['IN', 'adequacy', 'no_adequacy'],
    // the DPF only for the US
    ['US', 'dpf', null],
    ['GB', 'dpf', 'dpf_us_only'],
    ['IN', 'dpf', 'dpf_us_only'],
    // SCCs, BCRs, derogations: any third country, also one with an adequacy decision
    ['US', 'scc', null],
    ['IN', 'scc', null],
    ['CH', 'scc', null],
    ['US', 'bcr', null],
    ['IN', 'derogation', null],
  ] as const)('%s with %s → %s', (country, mechanism, expected) => {
    expect(transferMismatch({ country, mechanism: mechanism as TransferMechanism | null })).toBe(expected);
  });

  it('assertTransfer throws transfer_mechanism_invalid with the country and mechanism', () => {
    expect(() => assertTransfer({ country: 'US', mechanism: 'scc' })).not.toThrow();
    try {
      assertTransfer({ country: 'GB', mechanism: 'dpf' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('transfer_mechanism_invalid');
      expect((error as AppError).params).toEqual({ mechanism: 'dpf', country: 'GB' });
      expect((error as AppError).details).toEqual({ reason: 'dpf_us_only' });
    }
    expect(() => assertTransfer({ country: null, mechanism: 'scc' })).toThrow(AppError);
  });
});

describe('transferDetailsFor keeps the details of the mechanism only', () => {
  const all = { sccModule: 'c2p', tiaDate: '2026-01-10', dpfCheckedOn: '2026-02-01' } as const;
  it.each([
    [null, { sccModule: null, tiaDate: null, dpfCheckedOn: null }],
    ['adequacy', { sccModule: null, tiaDate: null, dpfCheckedOn: null }],
    ['dpf', { sccModule: null, tiaDate: null, dpfCheckedOn: '2026-02-01' }],
    ['scc', { sccModule: 'c2p', tiaDate: '2026-01-10', dpfCheckedOn: null }],
    ['bcr', { sccModule: null, tiaDate: '2026-01-10', dpfCheckedOn: null }],
    ['derogation', { sccModule: null, tiaDate: null, dpfCheckedOn: null }],
  ] as const)('%s', (mechanism, expected) => {
    expect(transferDetailsFor({ mechanism, ...all })).toEqual({ mechanism, ...expected });
  });
});

describe('assessEntry', () => {
  const base: EntryFacts = {
    kind: 'processor',
    location: 'saas',
    country: 'DE',
    mechanism: null,
    sccModule: null,
    tiaDate: null,
    dpfCheckedOn: null,
    avvSignedOn: '2026-01-15',
    hasAvvDocument: true,
  };

  it.each<[string, Partial<EntryFacts>, Partial<ReturnType<typeof assessEntry>>]>([
    [
      'a German processor with an AVV: clean',
      {},
      { thirdCountry: false, effectiveMechanism: null, warnings: [] },
    ],
    ['a processor without AVV', { avvSignedOn: null, hasAvvDocument: false }, { warnings: ['avv_missing'] }],
    ['an AVV date without the document', { hasAvvDocument: false }, { warnings: ['avv_document_missing'] }],
    [
      'a controller needs no AVV',
      { kind: 'controller', avvSignedOn: null, hasAvvDocument: false },
      { warnings: [] },
    ],
    [
      'an internal spreadsheet needs neither AVV nor country',
      { kind: 'internal_system', location: 'spreadsheet', country: null, avvSignedOn: null },
      { warnings: [] },
    ],
    ['a processor without a country', { country: null }, { warnings: ['country_missing'] }],
    [
      'a SaaS controller without a country',
      { kind: 'controller', country: null },
      { warnings: ['country_missing'] },
    ],
    [
      'a US processor without mechanism and without AVV',
      { country: 'US', avvSignedOn: null, hasAvvDocument: false },
      {
        thirdCountry: true,
        adequacy: {
          reference: 'Durchführungsbeschluss (EU) 2023/1795 (EU-US Data Privacy Framework)',
          scope: 'certified_only',
        },
        effectiveMechanism: null,
        warnings: ['avv_missing', 'transfer_without_mechanism'],
      },
    ],
    [
      'a US processor under the DPF, list checked',
      { country: 'US', mechanism: 'dpf', dpfCheckedOn: '2026-03-01' },
      { thirdCountry: true, effectiveMechanism: 'dpf', mechanismImplied: false, warnings: [] },
    ],
    [
      'the DPF without the list check',
      { country: 'US', mechanism: 'dpf' },
      { effectiveMechanism: 'dpf', warnings: ['dpf_check_missing'] },
    ],
    [
      'Switzerland: adequacy implied',
      { country: 'CH' },
      { thirdCountry: true, effectiveMechanism: 'adequacy', mechanismImplied: true, warnings: [] },
    ],
    [
      'Japan (partial decision): adequacy implied',
      { country: 'JP' },
      { effectiveMechanism: 'adequacy', mechanismImplied: true, warnings: [] },
    ],
    [
      'India without mechanism',
      { country: 'IN' },
      {
        thirdCountry: true,
        adequacy: null,
        effectiveMechanism: null,
        warnings: ['transfer_without_mechanism'],
      },
    ],
    [
      'India with SCCs but no module and no TIA',
      { country: 'IN', mechanism: 'scc' },
      { effectiveMechanism: 'scc', warnings: ['scc_module_missing', 'tia_missing'] },
    ],
    [
      'India with complete SCCs',
      { country: 'IN', mechanism: 'scc', sccModule: 'c2p', tiaDate: '2026-01-01' },
      { effectiveMechanism: 'scc', warnings: [] },
    ],
    ['BCRs without TIA', { country: 'IN', mechanism: 'bcr' }, { warnings: ['tia_missing'] }],
    [
      'a derogation',
      { country: 'IN', mechanism: 'derogation' },
      { effectiveMechanism: 'derogation', warnings: [] },
    ],
    [
      'an authority in Germany',
      { kind: 'authority', location: null, avvSignedOn: null, hasAvvDocument: false },
      { thirdCountry: false, warnings: [] },
    ],
  ])('%s', (_label, patch, expected) => {
    expect(assessEntry({ ...base, ...patch })).toMatchObject(expected);
  });
});
