import { describe, expect, it } from 'vitest';
import {
  completeFooter,
  composeMailText,
  letterFooter,
  listUnsubscribeHeaders,
  objectionNotice,
  recipientLinks,
  renderCampaignText,
  salutation,
  unknownPlaceholders,
} from './campaign-mail.ts';

const TOKEN = 'l_abcdefghijklmnopqrstuvwxyz012345';

describe('campaign mail', () => {
  it('builds the personal links of a recipient from the public URL and the token', () => {
    expect(recipientLinks('https://crm.example.de/', TOKEN)).toEqual({
      unsubscribeUrl: `https://crm.example.de/api/v1/public/unsubscribe/${TOKEN}`,
      preferencesUrl: `https://crm.example.de/preferences?token=${TOKEN}`,
      trackedUrl: `https://crm.example.de/api/v1/public/c/${TOKEN}`,
    });
  });

  it('greets in the campaign language without guessing a gender', () => {
    expect(salutation('de', 'Anna', 'Müller')).toBe('Guten Tag Anna Müller');
    expect(salutation('en', 'Anna', 'Müller')).toBe('Dear Anna Müller');
    expect(salutation('en', ' ', '')).toBe('Dear Sir or Madam');
  });

  it('fills firstName, lastName, salutation and the tracked link; keeps anything else', () => {
    const text = '{{salutation}},\nhallo {{ firstName }} {{lastName}}! Mehr: {{link}} {{unknown}}';
    expect(
      renderCampaignText(text, {
        language: 'de',
        firstName: 'Anna',
        lastName: 'Müller',
        trackedUrl: 'http://custos.test/api/v1/public/c/x',
      }),
    ).toBe(
      'Guten Tag Anna Müller,\nhallo Anna Müller! Mehr: http://custos.test/api/v1/public/c/x {{unknown}}',
    );
    expect(
      renderCampaignText('Link: {{link}}', {
        language: 'en',
        firstName: 'A',
        lastName: 'B',
        trackedUrl: null,
      }),
    ).toBe('Link: ');
    // a value is plain text, never a placeholder again
    expect(
      renderCampaignText('{{firstName}}', {
        language: 'en',
        firstName: '{{lastName}}',
        lastName: 'X',
        trackedUrl: null,
      }),
    ).toBe('{{lastName}}');
    expect(unknownPlaceholders('{{firstName}} {{vorname}} {{link}} {{x}}')).toEqual(['vorname', 'x']);
  });

  it('completes a footer that lacks the objection notice or the links; leaves a complete one alone', () => {
    const links = recipientLinks('http://custos.test', TOKEN);
    const input = { language: 'de' as const, ...links };
    const bare = completeFooter('Muster GmbH', input);
    expect(bare).toContain(objectionNotice('de'));
    expect(bare).toContain(`Abmelden mit einem Klick: ${links.unsubscribeUrl}`);
    expect(bare).toContain(`Ihre Einstellungen: ${links.preferencesUrl}`);
    const full = `Muster GmbH\n${objectionNotice('de')}\n${links.unsubscribeUrl}\n${links.preferencesUrl}`;
    expect(completeFooter(full, input)).toBe(full);
    expect(completeFooter('', { ...input, language: 'en' })).toContain(objectionNotice('en'));
    expect(composeMailText('Hallo\n\n', 'Fuß')).toBe('Hallo\n\nFuß\n');
  });

  it('sets the RFC 8058 one-click headers', () => {
    expect(listUnsubscribeHeaders('http://custos.test/api/v1/public/unsubscribe/x')).toEqual({
      'List-Unsubscribe': '<http://custos.test/api/v1/public/unsubscribe/x>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
  });

  it('ends a letter with the objection notice and the preference page', () => {
    expect(letterFooter('de', 'http://x/p')).toMatch(/widersprechen\. Ihre Einstellungen: http:\/\/x\/p$/);
    expect(letterFooter('en', 'http://x/p')).toMatch(/at any time\. Your preferences: http:\/\/x\/p$/);
  });
});
