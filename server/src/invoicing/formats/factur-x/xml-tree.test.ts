import { describe, expect, it } from 'vitest';
import { el, escapeAttribute, escapeText, leaf, serialize } from './xml-tree.ts';

describe('XML tree', () => {
  it('escapes markup characters in text and attributes', () => {
    expect(escapeText('Dupont & Fils <SARL> ]]>')).toBe('Dupont &amp; Fils &lt;SARL&gt; ]]&gt;');
    expect(escapeText('a\r\nb')).toBe('a&#xD;\nb');
    expect(escapeAttribute('say "hi"\t&\nbye')).toBe('say &quot;hi&quot;&#x9;&amp;&#xA;bye');
  });

  it('keeps any Unicode XML can carry, refuses what it cannot', () => {
    expect(escapeText('Académie — 40 € 😀 ß')).toBe('Académie — 40 € 😀 ß');
    expect(() => escapeText('bell\u0007', 'ram:Name')).toThrow(/ram:Name contains U\+0007/);
    expect(() => escapeText('lone \uD83D surrogate')).toThrow(/U\+D83D/);
    expect(() => escapeText('\uFFFF')).toThrow(RangeError);
  });

  it('drops absent optional children and keeps the given order', () => {
    const xml = serialize(el('p:Root', leaf('p:B', '2'), null, false, undefined, leaf('p:A', '1', { id: 'x' }), el('p:Empty')), { p: 'urn:p' });
    expect(xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<p:Root xmlns:p="urn:p">\n  <p:B>2</p:B>\n  <p:A id="x">1</p:A>\n  <p:Empty/>\n</p:Root>\n',
    );
  });
});
