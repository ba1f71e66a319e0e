import { describe, expect, it } from 'vitest';
import { asciiDomain, checkEmail, isDisposableDomain } from './email.ts';

describe('checkEmail', () => {
  it.each([
    ['anna.mueller@example.de', 'anna.mueller@example.de'],
    ['  Anna.Mueller@Example.DE ', 'Anna.Mueller@example.de'],
    ['info+crm@sub.beispiel.co.uk', 'info+crm@sub.beispiel.co.uk'],
    ["o'brien@example.ie", "o'brien@example.ie"],
    ['kontakt@müller-bäckerei.de', 'kontakt@müller-bäckerei.de'],
    ['kontakt@MÜLLER.de', 'kontakt@müller.de'],
    ['jürgen@beispiel.de', 'jürgen@beispiel.de'],
    ['x@xn--mller-kva.de', 'x@xn--mller-kva.de'],
    [`${'a'.repeat(64)}@example.de`, `${'a'.repeat(64)}@example.de`],
  ])('accepts %j as %j', (input, normalized) => {
    expect(checkEmail({ input })).toMatchObject({ valid: true, normalized });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['anna.example.de', 'missing_at'],
    ['@example.de', 'local_part_invalid'],
    ['anna..m@example.de', 'consecutive_dots'],
    ['anna@example..de', 'consecutive_dots'],
    ['.anna@example.de', 'local_part_invalid'],
    ['anna.@example.de', 'local_part_invalid'],
    ['an na@example.de', 'local_part_invalid'],
    ['"an na"@example.de', 'local_part_invalid'],
    ['anna@b@example.de', 'local_part_invalid'],
    [`${'a'.repeat(65)}@example.de`, 'local_part_too_long'],
    [`a@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.${'e'.repeat(60)}.de`, 'too_long'],
    [`a@${'b'.repeat(64)}.de`, 'domain_invalid'],
    ['anna@localhost', 'domain_invalid'],
    ['anna@', 'domain_invalid'],
    ['anna@-example.de', 'domain_invalid'],
    ['anna@example-.de', 'domain_invalid'],
    ['anna@exa_mple.de', 'domain_invalid'],
    ['anna@example.d', 'domain_invalid'],
    ['anna@192.168.0.1', 'domain_invalid'],
    ['anna@[192.168.0.1]', 'domain_invalid'],
    ['anna@.example.de', 'domain_invalid'],
    ['anna@example.de.', 'domain_invalid'],
  ])('refuses %j (%s)', (input, problem) => {
    expect(checkEmail({ input })).toEqual({ valid: false, problem });
  });

  it.each([
    ['x@mailinator.com', true],
    ['x@MAILINATOR.com', true],
    ['x@trash-mail.com', true],
    ['x@wegwerfemail.de', true],
    ['x@10minutemail.com', true],
    ['x@guerrillamail.com', true],
    ['x@inbox.mailinator.com', true],
    ['x@notmailinator.com', false],
    ['x@mailinator.com.example.de', false],
    ['x@example.de', false],
    ['x@gmail.com', false],
  ])('flags %j as disposable: %s', (input, disposable) => {
    expect(checkEmail({ input })).toMatchObject({ valid: true, disposable });
  });
});

describe('asciiDomain and isDisposableDomain', () => {
  it.each([
    ['müller.de', 'xn--mller-kva.de'],
    ['Example.DE', 'example.de'],
    ['de', null],
    ['a..de', null],
    ['', null],
  ])('asciiDomain(%j) = %j', (domain, expected) => {
    expect(asciiDomain({ domain })).toBe(expected);
  });

  it.each([
    ['yopmail.com', true],
    ['a.b.yopmail.com', true],
    ['com', false],
    ['yopmail.co', false],
  ])('isDisposableDomain(%j) = %s', (domain, expected) => {
    expect(isDisposableDomain({ domain })).toBe(expected);
  });
});
