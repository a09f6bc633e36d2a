/**
 * A minimal XML tree and serialiser for the CII renderer: elements are built in the order the XSD sequence demands
 * (the tree never reorders), absent optional elements are `null` and simply dropped, and every text and attribute
 * value is escaped here, in one place.
 */

export interface XmlElement {
  name: string;
  attributes: [string, string][];
  /** A text value, or child elements (nulls already dropped). */
  content: string | XmlElement[];
}

type Child = XmlElement | null | undefined | false;

/** An element with child elements; null / undefined / false children are optional elements left out. */
export function el(name: string, ...children: Child[]): XmlElement {
  return { name, attributes: [], content: children.filter((c): c is XmlElement => !!c) };
}

/** A leaf element holding text, with optional attributes (schemeID, currencyID, unitCode, format). */
export function leaf(name: string, value: string, attributes: Record<string, string> = {}): XmlElement {
  return { name, attributes: Object.entries(attributes), content: value };
}

/**
 * Characters XML 1.0 cannot carry at all (§2.2 Char): C0 controls other than tab/LF/CR, lone surrogates, U+FFFE/FFFF.
 * Escaping cannot help; a legal document must not have them silently dropped either, so the renderer refuses.
 */
// With the `u` flag a well-formed surrogate pair is one code point, so [\uD800-\uDFFF] only matches lone halves.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/u;

function assertXmlChars(value: string, where: string): void {
  const bad = NOT_XML_CHAR.exec(value);
  if (bad) {
    const code = bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    throw new RangeError(`Factur-X: ${where} contains U+${code}, which XML 1.0 cannot represent`);
  }
}

/** Text content: & and < must be escaped, > too (for "]]>"); CR as a reference or parsers turn it into LF. */
export function escapeText(value: string, where = 'a text'): string {
  assertXmlChars(value, where);
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#xD;');
}

/** Attribute values: also quotes, and tab/LF/CR, which attribute-value normalisation would turn into spaces. */
export function escapeAttribute(value: string, where = 'an attribute'): string {
  return escapeText(value, where).replace(/"/g, '&quot;').replace(/\t/g, '&#x9;').replace(/\n/g, '&#xA;');
}

/** Serialises with two-space indentation; whitespace between elements is insignificant in element-only content. */
export function serialize(root: XmlElement, namespaces: Record<string, string>): string {
  const rootWithNs: XmlElement = {
    ...root,
    attributes: [...Object.entries(namespaces).map(([prefix, uri]): [string, string] => [`xmlns:${prefix}`, uri]), ...root.attributes],
  };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${write(rootWithNs, '')}\n`;
}

function write(node: XmlElement, indent: string): string {
  const attrs = node.attributes.map(([k, v]) => ` ${k}="${escapeAttribute(v, `${node.name}/@${k}`)}"`).join('');
  if (typeof node.content === 'string') {
    return `${indent}<${node.name}${attrs}>${escapeText(node.content, node.name)}</${node.name}>`;
  }
  if (node.content.length === 0) return `${indent}<${node.name}${attrs}/>`;
  const inner = node.content.map((child) => write(child, `${indent}  `)).join('\n');
  return `${indent}<${node.name}${attrs}>\n${inner}\n${indent}</${node.name}>`;
}
