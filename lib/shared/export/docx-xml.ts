// WordprocessingML building blocks for the .docx clip book (docx.ts): escaping, runs,
// paragraphs, and the small fixed parts of the package. Element order inside w:pPr, w:rPr and
// w:style follows the ECMA-376 schema: Word refuses documents that break it.

import type { ExportMeta } from "./types";

const W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";
const OFFICE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

// Everything XML 1.0 forbids: C0 controls but tab/LF/CR, lone surrogates (with the u flag a
// paired surrogate is one code point, outside the class), U+FFFE and U+FFFF.
const FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Strips what XML 1.0 cannot carry and escapes the rest, for text and attribute values. */
export function xmlEscape(text: string): string {
  return text.replace(FORBIDDEN, "").replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}
const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
};

/** Run properties, in schema order. */
export interface RunStyle {
  style?: "Hyperlink";
  bold?: boolean;
  italic?: boolean;
  color?: string;
}

function rPr(s: RunStyle): string {
  const props =
    (s.style ? `<w:rStyle w:val="${s.style}"/>` : "") +
    (s.bold ? "<w:b/><w:bCs/>" : "") +
    (s.italic ? "<w:i/><w:iCs/>" : "") +
    (s.color ? `<w:color w:val="${s.color}"/>` : "");
  return props ? `<w:rPr>${props}</w:rPr>` : "";
}

/** A run of user text: newlines become line breaks, tabs become tabs. */
export function run(text: string, style: RunStyle = {}): string {
  const clean = text.replace(/\r\n?/g, "\n").replace(FORBIDDEN, "");
  if (!clean) return "";
  const body = clean
    .split("\n")
    .map((line) =>
      line
        .split("\t")
        .map((part) => (part ? `<w:t xml:space="preserve">${xmlEscape(part)}</w:t>` : ""))
        .join("<w:tab/>"),
    )
    .join("<w:br/>");
  return `<w:r>${rPr(style)}${body}</w:r>`;
}

/** A link as a complex HYPERLINK field (ECMA-376 17.16.5.25): unlike w:hyperlink it needs no
 * relationship, so nothing has to be collected while document.xml streams out. */
export function link(url: string, text: string): string {
  // Field-code syntax has its own quoting: keep quotes, backslashes and spaces out of it.
  const target = url.replace(/["\\\s]/g, (c) => encodeURIComponent(c));
  return (
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r>' +
    `<w:r><w:instrText xml:space="preserve"> HYPERLINK "${xmlEscape(target)}" </w:instrText></w:r>` +
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' +
    run(text, { style: "Hyperlink" }) +
    '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
  );
}

/** A paragraph in one of the styles of styles.xml, optionally indented further (twips). */
export function para(style: string, runs: string, indentLeft?: number): string {
  const ind = indentLeft === undefined ? "" : `<w:ind w:left="${indentLeft}"/>`;
  return `<w:p><w:pPr><w:pStyle w:val="${style}"/>${ind}</w:pPr>${runs}</w:p>`;
}

export function documentStart(): string {
  return `${XML_DECL}<w:document xmlns:w="${W_NS}" xmlns:r="${OFFICE_REL}"><w:body>`;
}

/** A4, 2.5 cm margins. */
export function documentEnd(): string {
  return (
    '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1418" w:right="1418" ' +
    'w:bottom="1418" w:left="1418" w:header="709" w:footer="709" w:gutter="0"/></w:sectPr>' +
    "</w:body></w:document>"
  );
}

const rel = (id: string, type: string, target: string) =>
  `<Relationship Id="${id}" Type="${type}" Target="${target}"/>`;

const MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml";
const CONTENT_TYPES =
  `${XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  `<Override PartName="/word/document.xml" ContentType="${MAIN}.document.main+xml"/>` +
  `<Override PartName="/word/styles.xml" ContentType="${MAIN}.styles+xml"/>` +
  `<Override PartName="/word/settings.xml" ContentType="${MAIN}.settings+xml"/>` +
  '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
  '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
  "</Types>";

const PACKAGE_RELS =
  `${XML_DECL}<Relationships xmlns="${REL_NS}">` +
  rel("rId1", `${OFFICE_REL}/officeDocument`, "word/document.xml") +
  rel("rId2", `${REL_NS}/metadata/core-properties`, "docProps/core.xml") +
  rel("rId3", `${OFFICE_REL}/extended-properties`, "docProps/app.xml") +
  "</Relationships>";

const DOCUMENT_RELS =
  `${XML_DECL}<Relationships xmlns="${REL_NS}">` +
  rel("rId1", `${OFFICE_REL}/styles`, "styles.xml") +
  rel("rId2", `${OFFICE_REL}/settings`, "settings.xml") +
  "</Relationships>";

// compatibilityMode 15: Word opens it as a current document, not in "Compatibility Mode".
const SETTINGS =
  `${XML_DECL}<w:settings xmlns:w="${W_NS}"><w:defaultTabStop w:val="720"/>` +
  '<w:characterSpacingControl w:val="doNotCompress"/><w:compat><w:compatSetting ' +
  'w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>' +
  "</w:compat></w:settings>";

const APP =
  `${XML_DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">` +
  "<Application>Glossa</Application></Properties>";

interface StyleDef {
  id: string;
  name: string;
  type?: "paragraph" | "character";
  pPr?: string;
  rPr?: string;
  extra?: string;
}

const style = ({ id, name, type = "paragraph", pPr = "", rPr = "", extra = "" }: StyleDef) =>
  `<w:style w:type="${type}" w:styleId="${id}"${id === "Normal" ? ' w:default="1"' : ""}>` +
  `<w:name w:val="${name}"/>${id === "Normal" || type === "character" ? "" : '<w:basedOn w:val="Normal"/>'}` +
  `${type === "paragraph" && id !== "Normal" ? '<w:next w:val="Normal"/>' : ""}${extra}` +
  `${type === "paragraph" ? "<w:qFormat/>" : ""}` +
  `${pPr ? `<w:pPr>${pPr}</w:pPr>` : ""}${rPr ? `<w:rPr>${rPr}</w:rPr>` : ""}</w:style>`;

const HEADING = '<w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:cs="Calibri"/><w:b/><w:bCs/>';
const STYLES =
  `${XML_DECL}<w:styles xmlns:w="${W_NS}"><w:docDefaults><w:rPrDefault><w:rPr>` +
  '<w:rFonts w:ascii="Georgia" w:hAnsi="Georgia" w:eastAsia="Georgia" w:cs="Georgia"/>' +
  '<w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault>' +
  '<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="288" w:lineRule="auto"/></w:pPr>' +
  "</w:pPrDefault></w:docDefaults>" +
  style({ id: "Normal", name: "Normal" }) +
  style({
    id: "Title",
    name: "Title",
    pPr: '<w:spacing w:after="120"/>',
    rPr: `${HEADING}<w:color w:val="1F2A44"/><w:sz w:val="52"/><w:szCs w:val="52"/>`,
  }) +
  style({
    id: "Subtitle",
    name: "Subtitle",
    pPr: '<w:spacing w:after="360"/>',
    rPr: '<w:color w:val="666666"/><w:sz w:val="20"/><w:szCs w:val="20"/>',
  }) +
  style({
    id: "Heading1",
    name: "heading 1",
    pPr: '<w:keepNext/><w:spacing w:before="480" w:after="120"/><w:outlineLvl w:val="0"/>',
    rPr: `${HEADING}<w:color w:val="1F3864"/><w:sz w:val="32"/><w:szCs w:val="32"/>`,
  }) +
  style({
    id: "Heading2",
    name: "heading 2",
    pPr: '<w:keepNext/><w:spacing w:before="240" w:after="80"/><w:outlineLvl w:val="1"/>',
    rPr: `${HEADING}<w:color w:val="2F5496"/><w:sz w:val="26"/><w:szCs w:val="26"/>`,
  }) +
  style({
    id: "Quote",
    name: "Quote",
    pPr:
      '<w:keepNext/><w:pBdr><w:left w:val="single" w:sz="18" w:space="8" w:color="A5B4CF"/>' +
      '</w:pBdr><w:spacing w:before="240" w:after="60"/><w:ind w:left="357" w:right="357"/>',
    rPr: '<w:i/><w:iCs/><w:color w:val="262626"/>',
  }) +
  style({
    id: "Attribution",
    name: "Attribution",
    pPr: '<w:spacing w:after="120"/><w:ind w:left="357"/>',
    rPr: '<w:color w:val="767676"/><w:sz w:val="18"/><w:szCs w:val="18"/>',
  }) +
  style({ id: "Comment", name: "Comment", pPr: '<w:ind w:left="357"/>' }) +
  style({
    id: "Reply",
    name: "Reply",
    pPr: '<w:spacing w:after="80"/><w:ind w:left="720"/>',
    rPr: '<w:sz w:val="20"/><w:szCs w:val="20"/>',
  }) +
  style({
    id: "Hyperlink",
    name: "Hyperlink",
    type: "character",
    extra: '<w:uiPriority w:val="99"/><w:unhideWhenUsed/>',
    rPr: '<w:color w:val="0563C1"/><w:u w:val="single"/>',
  }) +
  "</w:styles>";

/** W3CDTF without fractional seconds, the form Word itself writes. */
export function w3cdtf(iso: string): string {
  const time = Date.parse(iso);
  return `${new Date(Number.isNaN(time) ? 0 : time).toISOString().slice(0, 19)}Z`;
}

function coreXml(meta: ExportMeta): string {
  const when = w3cdtf(meta.generatedAt);
  return (
    `${XML_DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${xmlEscape(meta.title)}</dc:title><dc:creator>${xmlEscape(meta.requester.name)}</dc:creator>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified></cp:coreProperties>`
  );
}

/** Every part but word/document.xml, [Content_Types].xml first as packages conventionally have. */
export function fixedParts(meta: ExportMeta): Array<[name: string, xml: string]> {
  return [
    ["[Content_Types].xml", CONTENT_TYPES],
    ["_rels/.rels", PACKAGE_RELS],
    ["docProps/core.xml", coreXml(meta)],
    ["docProps/app.xml", APP],
    ["word/_rels/document.xml.rels", DOCUMENT_RELS],
    ["word/styles.xml", STYLES],
    ["word/settings.xml", SETTINGS],
  ];
}
