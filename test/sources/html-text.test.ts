import { describe, expect, it } from 'vitest';
import { MAX_FRAGMENT_TAGS, htmlToLine, htmlToParagraphs, textToParagraphs } from '../../src/sources/html-text.js';

describe('htmlToParagraphs', () => {
  it('GIVEN block elements THEN each becomes a paragraph, inline markup only words', () => {
    const html = '<h2>Title</h2><p>One <b>bold</b> and <a href="https://x.example/">linked</a> word.</p><div>Two<div>Three</div></div>';
    expect(htmlToParagraphs(html)).toEqual(['Title', 'One bold and linked word.', 'Two', 'Three']);
  });

  it('GIVEN <br><br> separated text THEN splits paragraphs there; a single <br> is a space', () => {
    expect(htmlToParagraphs('First line<br>same paragraph<br/><br />Second')).toEqual(['First line same paragraph', 'Second']);
  });

  it('GIVEN scripts, styles, iframes, forms and templates THEN none of their text comes out', () => {
    const html = '<p>Kept</p><script>var x = "<p>no</p>";</script><style>.a{}</style><iframe>frame</iframe><noscript>enable js</noscript><template><p>tpl</p></template><button>Click</button><select><option>opt</option></select><svg><text>svg</text></svg>';
    expect(htmlToParagraphs(html)).toEqual(['Kept']);
  });

  it('GIVEN entities, nbsp and source line breaks THEN decodes them and normalizes whitespace', () => {
    expect(htmlToParagraphs('<p>Caf&eacute;&nbsp;&amp;\n   bar &#8211; &lt;tag&gt;</p>')).toEqual(['Café & bar – <tag>']);
  });

  it('GIVEN control and bidi characters THEN removes them', () => {
    expect(htmlToParagraphs('<p>a\u202Eb\u0007c</p>')).toEqual(['abc']);
  });

  it('GIVEN table cells THEN keeps their words apart', () => {
    expect(htmlToParagraphs('<table><tr><td>Oslo</td><td>12°</td></tr><tr><td>Rome</td><td>28°</td></tr></table>')).toEqual(['Oslo 12°', 'Rome 28°']);
  });

  it('GIVEN 15,000 nested elements THEN walks them without overflowing the stack', () => {
    const depth = 15_000;
    const html = `${'<div>'.repeat(depth)}deep${'</div>'.repeat(depth)}`;
    expect(htmlToParagraphs(html)).toEqual(['deep']);
  });

  it('GIVEN more elements than a fragment may have THEN cuts the markup there instead of parsing it all', () => {
    const html = Array.from({ length: MAX_FRAGMENT_TAGS + 500 }, (_, i) => `<p>p${i}</p>`).join('');
    const paragraphs = htmlToParagraphs(html);
    expect(paragraphs).toHaveLength(MAX_FRAGMENT_TAGS);
    expect(paragraphs.at(-1)).toBe(`p${MAX_FRAGMENT_TAGS - 1}`);
    const deep = `${'<div>'.repeat(100_000)}deep${'</div>'.repeat(100_000)}`;
    expect(htmlToParagraphs(deep)).toEqual([]);
  });

  it('GIVEN plain text THEN returns it as is, paragraphs by blank lines', () => {
    expect(htmlToParagraphs('Just words.')).toEqual(['Just words.']);
    expect(textToParagraphs('One\nstill one\n\n  Two  \r\n\r\nThree')).toEqual(['One still one', 'Two', 'Three']);
  });

  it('GIVEN a headline with markup THEN one line of text', () => {
    expect(htmlToLine('<p>Big</p><p>news</p>')).toBe('Big news');
  });
});
