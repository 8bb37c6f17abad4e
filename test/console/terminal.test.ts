import { describe, expect, it } from 'vitest';
import { forTerminal } from '../../src/console/terminal.js';

describe('forTerminal', () => {
  it.each([
    ['a CSI colour and clear screen', 'red\u001B[31m text\u001B[0m\u001B[2J', 'red text'],
    ['an 8-bit CSI', 'a\u009B2Jb', 'ab'],
    ['an OSC title ended by BEL', 'x\u001B]0;pwned\u0007y', 'xy'],
    ['an OSC 8 hyperlink ended by ESC \\', '\u001B]8;;https://evil.example\u001B\\click\u001B]8;;\u001B\\', 'click'],
    ['a DCS string', 'a\u001BPq#0;2;0;0;0\u001B\\b', 'ab'],
    ['a charset escape', 'a\u001B(Bb', 'ab'],
    ['bidi overrides and a bell', 'abc\u202Edef\u2066\u0007', 'abcdef'],
    ['an unterminated OSC (only its opener goes)', 'a\u001B]0;rest', 'a0;rest'],
    ['a carriage return', 'one\rtwo\r\nthree', 'one\ntwo\nthree'],
  ])('GIVEN %s THEN it is removed', (_name, input, expected) => {
    expect(forTerminal(input)).toBe(expected);
  });

  it('GIVEN plain text with tabs, line breaks and Unicode THEN it is unchanged', () => {
    const text = 'Ford führte Gespräche\tmit „Xiaomi“ 😀\n\nZweiter Absatz.';
    expect(forTerminal(text)).toBe(text);
  });
});
