import { describe, expect, it } from 'vitest';
import { agreementOf, compareField, pairRecords } from './consistency.ts';

describe('field comparison', () => {
  it('agrees across German spelling variants', () => {
    expect(compareField({ field: 'lastName', custos: 'Müller', file: 'Mueller' })).toBe('agree');
    expect(compareField({ field: 'lastName', custos: 'Strauß', file: 'STRAUSS' })).toBe('agree');
    expect(compareField({ field: 'street', custos: 'Hauptstraße 5', file: 'Hauptstr. 5' })).toBe('agree');
    expect(compareField({ field: 'street', custos: 'Hauptstraße 5', file: 'Hauptstr. 7' })).toBe('disagree');
    expect(compareField({ field: 'phone', custos: '+49301234567', file: '030 1234567' })).toBe('agree');
    expect(compareField({ field: 'birthDate', custos: '1970-03-01', file: '01.03.1970' })).toBe('agree');
    expect(compareField({ field: 'city', custos: 'München', file: 'Muenchen' })).toBe('agree');
  });

  it('tells missing values apart from disagreements', () => {
    expect(compareField({ field: 'email', custos: 'a@b.de', file: '' })).toBe('missing_in_file');
    expect(compareField({ field: 'email', custos: null, file: 'a@b.de' })).toBe('missing_in_custos');
    expect(compareField({ field: 'email', custos: null, file: undefined })).toBe('both_missing');
  });

  it('computes the agreement rate over compared values only', () => {
    expect(agreementOf('city', ['agree', 'agree', 'disagree', 'missing_in_file'])).toEqual({
      field: 'city',
      compared: 3,
      agree: 2,
      disagree: 1,
      missingInFile: 1,
      missingInCustos: 0,
      agreementRate: 66.7,
    });
    expect(agreementOf('city', []).agreementRate).toBeNull();
  });
});

describe('pairing', () => {
  const custos = [
    { id: 'p1', firstName: 'Jürgen', lastName: 'Müller', email: 'j.mueller@example.de', postalCode: '10115' },
    {
      id: 'p2',
      firstName: 'Anna',
      lastName: 'Schmidt',
      birthDate: '1980-05-01',
      street: 'Hauptstraße 5',
      postalCode: '80331',
    },
    { id: 'p3', firstName: 'Petra', lastName: 'Weiß', email: 'petra@example.de' },
    { id: 'p4', firstName: 'Klaus', lastName: 'Becker', postalCode: '20095' },
  ];

  it('pairs by id, then e-mail, then score, one to one', () => {
    const file = [
      { firstName: 'Juergen', lastName: 'Mueller', email: 'J.Mueller@example.de' },
      {
        firstName: 'Anna',
        lastName: 'Schmidt',
        birthDate: '01.05.1980',
        street: 'Hauptstr. 5',
        postalCode: '80331',
      },
      { firstName: 'Someone', lastName: 'Else', email: 'else@example.de' },
      { firstName: 'K.', lastName: 'Becker' },
    ];
    const pairs = pairRecords({ custos, file, fileIds: [null, null, null, 'P4'] });
    expect(pairs).toEqual([
      { fileIndex: 0, personId: 'p1', how: 'email', score: null },
      { fileIndex: 1, personId: 'p2', how: 'score', score: expect.any(Number) },
      { fileIndex: 3, personId: 'p4', how: 'id', score: null },
    ]);
  });

  it('does not pair a person twice or on a shared e-mail address', () => {
    const file = [
      { firstName: 'Petra', lastName: 'Weiss', email: 'petra@example.de' },
      { firstName: 'Paul', lastName: 'Weiss', email: 'petra@example.de' },
    ];
    const pairs = pairRecords({ custos, file });
    expect(pairs.filter((p) => p.personId === 'p3').length).toBeLessThanOrEqual(1);
    expect(pairs.every((p) => p.how !== 'email')).toBe(true);
  });
});
