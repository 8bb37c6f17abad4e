import { describe, expect, it } from 'vitest';
import { linkOfMessage } from '../../src/sources/message-link.js';

describe('linkOfMessage (is a message mostly a link?)', () => {
  it.each([
    ['https://news.example/ferry.html', 'https://news.example/ferry.html'],
    ['  <https://news.example/ferry.html>  ', 'https://news.example/ferry.html'],
    ['Worth a read: https://news.example/ferry.html?id=7.', 'https://news.example/ferry.html?id=7'],
    ['Big news for the harbour today (https://news.example/ferry.html)', 'https://news.example/ferry.html'],
    ['||https://news.example/ferry.html||', 'https://news.example/ferry.html'],
    ['See [the story](https://news.example/ferry.html)!', 'https://news.example/ferry.html'],
    ['https://en.example/wiki/Ferry_(boat)', 'https://en.example/wiki/Ferry_(boat)'],
    ['HTTP://NEWS.EXAMPLE/A', 'HTTP://NEWS.EXAMPLE/A'],
    ['Read `https://news.example/ferry.html`', 'https://news.example/ferry.html'],
  ])('GIVEN %j THEN the link %s', (text, link) => {
    expect(linkOfMessage(text)).toBe(link);
  });

  it.each([
    ['no link at all', 'The meeting starts tomorrow at eight.'],
    ['two different links', 'Compare https://a.example/x with https://b.example/y'],
    [
      'a paragraph that merely cites a link',
      'The council approved the new budget on Monday after a long debate about the harbour, the schools and the roads; taxes will not rise this year, the mayor said, and the details are at https://town.example/budget',
    ],
    ['not a web address', 'ftp://files.example/report.pdf'],
    ['an empty text', ''],
  ])('GIVEN %s THEN no link (the text itself is the message)', (_case, text) => {
    expect(linkOfMessage(text)).toBeUndefined();
  });

  it('GIVEN the same link twice THEN it is still one link', () => {
    expect(linkOfMessage('https://news.example/a <https://news.example/a>')).toBe('https://news.example/a');
  });
});
