import { describe, expect, it } from 'vitest';
import { sniffDelimiter } from './delimiter.ts';

describe('sniffDelimiter', () => {
  it.each([
    ['German Excel', 'Vorname;Nachname;Ort\nJürgen;Müller;Berlin\nAnna;Schmidt;Köln\n', ';'],
    ['comma', 'first,last,city\nAnna,Schmidt,Berlin\n', ','],
    ['tab', 'first\tlast\tcity\nAnna\tSchmidt\tBerlin\n', '\t'],
    ['pipe', 'first|last|city\nAnna|Schmidt|Berlin\n', '|'],
    ['semicolons with decimal commas', 'Name;Betrag;Rabatt\nA;1.234,56;0,5\nB;2,00;1,25\nC;3,50;0,0\n', ';'],
    ['commas inside quotes do not count', 'a;b\n"x, y, z";1\n"p, q";2\n', ';'],
    ['a single column', 'email\nanna@example.de\nben@example.de\n', ','],
    ['blank lines ignored', '\n\nfirst;last\n\nAnna;Schmidt\n', ';'],
  ])('%s', (_, sample, expected) => expect(sniffDelimiter({ sample })).toBe(expected));

  it('prefers the delimiter that is consistent over the one that is more frequent on one line', () => {
    const sample = 'a,b,c\nnote with;;;;;; semicolons,2,3\nx,y,z\np,q,r\n';
    expect(sniffDelimiter({ sample })).toBe(',');
  });
});
