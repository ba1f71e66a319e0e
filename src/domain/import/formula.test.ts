import { describe, expect, it } from 'vitest';
import { escapeCsvCell, isFormulaLike, isSuspiciousFormula } from './formula.ts';

describe('escapeCsvCell (exports, OWASP CSV injection)', () => {
  it.each([
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
    ['@SUM(1+1)', "'@SUM(1+1)"],
    ['+49 30 123', "'+49 30 123"],
    ['-12.50', "'-12.50"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
    ['Anna', 'Anna'],
    ['a=b', 'a=b'],
    [' =1', ' =1'],
    ['', ''],
  ])('%j → %j', (input, expected) => expect(escapeCsvCell(input)).toBe(expected));
});

describe('isFormulaLike / isSuspiciousFormula (imports)', () => {
  it.each([
    ["=cmd|' /C calc'!A0", true, true],
    ['@SUM(A1)', true, true],
    ['+HYPERLINK("http://x")', true, true],
    ['-2+3+cmd|x', true, true],
    ['\t=1', true, true],
    ['+49 30 1234567', true, false],
    ['+49 (0)30/123-45.6', true, false],
    ['-12,50', true, false],
    ['-', true, false],
    ['Müller', false, false],
  ])('%j: formula-like %s, suspicious %s', (value, like, suspicious) => {
    expect(isFormulaLike(value)).toBe(like);
    expect(isSuspiciousFormula(value)).toBe(suspicious);
  });
});
