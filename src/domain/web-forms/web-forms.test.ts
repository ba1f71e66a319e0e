import { describe, expect, it } from 'vitest';
import { checkFormDefinition, type FieldDefinition, freeTextFields, HONEYPOT_FIELD } from './fields.ts';
import { mayRecord, metadataNeeds, purgeAfter, REQUEST_METADATA, receivedDay } from './metadata.ts';
import { checkSubmission, valueFor } from './submission.ts';

const label = (t: string) => ({ de: t, en: t });
const email: FieldDefinition = {
  key: 'email',
  label: label('E-Mail'),
  type: 'email',
  required: true,
  maps: 'email',
  category: 'contact',
};
const message: FieldDefinition = {
  key: 'message',
  label: label('Nachricht'),
  type: 'textarea',
  required: true,
  maps: 'message',
  category: 'communication',
};
const topic: FieldDefinition = {
  key: 'topic',
  label: label('Thema'),
  type: 'select',
  required: false,
  options: [
    { value: 'order', label: label('Bestellung') },
    { value: 'other', label: label('Sonstiges') },
  ],
  category: 'communication',
};

describe('form definitions', () => {
  it('accepts a contact form whose fields all carry a category', () => {
    expect(checkFormDefinition({ kind: 'contact', fields: [email, message, topic] })).toEqual([]);
  });

  it('refuses a field without a data category (privacy by default)', () => {
    const problems = checkFormDefinition({
      kind: 'contact',
      fields: [email, { ...message, maps: null, category: null }],
    });
    expect(problems).toEqual([expect.objectContaining({ path: 'fields.1.category' })]);
  });

  it('refuses special categories, a category that does not fit the mapped person field and wrong types', () => {
    expect(
      checkFormDefinition({
        kind: 'contact',
        fields: [email, { ...message, maps: null, category: 'special_health' }],
      }),
    ).toHaveLength(1);
    expect(checkFormDefinition({ kind: 'contact', fields: [{ ...email, category: 'identity' }] })).toEqual([
      expect.objectContaining({ path: 'fields.0.category' }),
    ]);
    expect(checkFormDefinition({ kind: 'contact', fields: [{ ...email, type: 'text' }] })).toEqual([
      expect.objectContaining({ path: 'fields.0.type' }),
    ]);
  });

  it('refuses duplicate and reserved keys, selects without options and options elsewhere', () => {
    const problems = checkFormDefinition({
      kind: 'contact',
      fields: [
        email,
        { ...message, key: 'email', maps: null },
        { ...topic, options: [] },
        { ...message, key: HONEYPOT_FIELD, maps: null, options: topic.options },
      ],
    });
    expect(problems.map((p) => p.path)).toEqual([
      'fields.1.key',
      'fields.2.options',
      'fields.3.key',
      'fields.3.options',
    ]);
  });

  it('asks each kind for what it needs', () => {
    expect(checkFormDefinition({ kind: 'newsletter', fields: [{ ...email, required: false }] })).toHaveLength(
      1,
    );
    expect(checkFormDefinition({ kind: 'newsletter', fields: [email] })).toEqual([]);
    expect(checkFormDefinition({ kind: 'wishlist', fields: [email, message] })).toHaveLength(1);
    expect(
      checkFormDefinition({
        kind: 'wishlist',
        fields: [email, { ...message, maps: 'wishes', category: 'interests' }],
      }),
    ).toEqual([]);
    expect(checkFormDefinition({ kind: 'contact', fields: [message] })).toHaveLength(1);
  });

  it('scans textareas and unmapped or message text fields, not names or addresses', () => {
    const name: FieldDefinition = {
      ...email,
      key: 'name',
      type: 'text',
      maps: 'lastName',
      category: 'identity',
    };
    const free: FieldDefinition = {
      ...email,
      key: 'free',
      type: 'text',
      maps: null,
      category: 'communication',
    };
    expect(freeTextFields([email, message, name, free, topic]).map((f) => f.key)).toEqual([
      'message',
      'free',
    ]);
  });
});

describe('metadata a form may record', () => {
  it('a contact form or wish list records no IP address, user agent, referrer or time of day', () => {
    for (const kind of ['contact', 'wishlist'] as const) {
      expect(metadataNeeds(kind)).toEqual([]);
      for (const metadata of REQUEST_METADATA) expect(mayRecord({ kind, metadata })).toBe(false);
    }
  });

  it('a newsletter sign-up needs the consent proof, recorded through the double opt-in, never a referrer', () => {
    expect(mayRecord({ kind: 'newsletter', metadata: 'ip_address' })).toBe(true);
    expect(mayRecord({ kind: 'newsletter', metadata: 'referrer' })).toBe(false);
    expect(new Set(metadataNeeds('newsletter').map((n) => n.storedIn))).toEqual(new Set(['consent_signups']));
  });

  it('keeps only the Berlin calendar day and purges after the retention days', () => {
    expect(receivedDay(new Date('2026-03-01T23:30:00Z'))).toBe('2026-03-02');
    expect(receivedDay(new Date('2026-07-01T12:00:00Z'))).toBe('2026-07-01');
    expect(purgeAfter({ day: '2026-02-20', retentionDays: 10 })).toBe('2026-03-02');
  });
});

describe('submissions', () => {
  const fields = [
    email,
    message,
    topic,
    { ...topic, key: 'agree', type: 'checkbox' as const, options: null, required: true },
  ];

  it('refuses undeclared fields whole, naming them', () => {
    expect(
      checkSubmission({
        fields,
        body: { email: 'a@example.de', message: 'x', agree: 'on', ip: '1.2.3.4', zzz: '1' },
      }),
    ).toEqual({ outcome: 'undeclared', fields: ['ip', 'zzz'] });
  });

  it('keeps only declared fields with a value, normalised', () => {
    const result = checkSubmission({
      fields,
      body: { email: ' Lena@Example.DE ', message: ' Hallo ', topic: '', agree: 'on', [HONEYPOT_FIELD]: '' },
    });
    expect(result).toEqual({
      outcome: 'ok',
      values: { email: 'lena@example.de', message: 'Hallo', agree: true },
    });
    if (result.outcome === 'ok') expect(valueFor(fields, result.values, 'email')).toBe('lena@example.de');
  });

  it('lists every invalid field', () => {
    const result = checkSubmission({
      fields: [...fields, { ...email, key: 'phone', type: 'phone', maps: 'phone', required: false }],
      body: { email: 'nope', message: 'x'.repeat(5001), topic: 'spam', phone: 'abc' },
    });
    expect(result).toEqual({
      outcome: 'invalid',
      issues: [
        { field: 'email', code: 'invalid_email' },
        { field: 'message', code: 'too_long' },
        { field: 'topic', code: 'invalid_option' },
        { field: 'agree', code: 'required' },
        { field: 'phone', code: 'invalid_phone' },
      ],
    });
  });

  it('checks dates and numbers phones as E.164', () => {
    const date: FieldDefinition = {
      ...email,
      key: 'day',
      type: 'date',
      maps: null,
      category: 'contract',
      required: true,
    };
    const phone: FieldDefinition = { ...email, key: 'phone', type: 'phone', maps: 'phone' };
    expect(checkSubmission({ fields: [date], body: { day: '2026-02-30' } })).toMatchObject({
      outcome: 'invalid',
    });
    expect(
      checkSubmission({ fields: [date, phone], body: { day: '2026-02-28', phone: '030 1234567' } }),
    ).toEqual({
      outcome: 'ok',
      values: { day: '2026-02-28', phone: '+49301234567' },
    });
  });

  it('treats a filled honeypot as a bot', () => {
    expect(
      checkSubmission({ fields, body: { email: 'a@example.de', [HONEYPOT_FIELD]: 'http://spam' } }),
    ).toEqual({
      outcome: 'bot',
    });
  });
});
