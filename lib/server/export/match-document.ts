import "server-only";

// Which workspace document an imported annotation belongs to. In order: the document's own
// Glossa address (/documents/{id}, what Glossa's export writes for a document without a source),
// its source URL compared loosely (scheme, "www.", a trailing slash, the fragment and tracking
// parameters do not matter: Hypothesis and browsers write the same page in all these ways), then
// its title, compared without case, spacing or a trailing " - Wikipedia"-style site name.

export interface MatchableDocument {
  id: string;
  title: string;
  sourceUrl: string | null;
}

export function matchDocument(
  documents: MatchableDocument[],
  source: { url: string | null; title: string | null },
): MatchableDocument | null {
  if (source.url) {
    const own = glossaDocumentId(source.url);
    const byId = own && documents.find((document) => document.id === own);
    if (byId) return byId;
    const key = urlKey(source.url);
    const byUrl = key && documents.find((document) => urlKey(document.sourceUrl) === key);
    if (byUrl) return byUrl;
  }
  if (source.title) {
    // The whole title first; then without a site name after a dash on either side.
    for (const key of [titleKey, siteless]) {
      const wanted = key(source.title);
      const byTitle = documents.filter((document) => key(document.title) === wanted);
      if (byTitle.length === 1) return byTitle[0]!;
      if (byTitle.length > 1) return null; // ambiguous: better unmatched than wrong
    }
  }
  return null;
}

/** The document id in a Glossa address (…/documents/{id}…), if it is one. */
export function glossaDocumentId(url: string | null): string | null {
  return (url && /\/documents\/([A-Za-z0-9_-]{1,64})(?:[/?#]|$)/.exec(url)?.[1]) || null;
}

/** Why nothing matched, for the import's report. */
export function unmatchedReason(
  documents: MatchableDocument[],
  source: { url: string | null; title: string | null },
): string {
  if (source.title) {
    for (const key of [titleKey, siteless]) {
      const wanted = key(source.title);
      const same = documents.filter((document) => key(document.title) === wanted).length;
      if (same > 1)
        return `${same} documents here have this title; give them their source URLs (or different titles) and import again`;
    }
  }
  return "no document here has this address or title: add the article, then import again";
}

const TRACKING = /^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ref)$/i;

export function urlKey(raw: string | null): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw.trim());
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    const params = [...url.searchParams].filter(([name]) => !TRACKING.test(name));
    params.sort(([a], [b]) => a.localeCompare(b));
    const query = params.length ? `?${new URLSearchParams(params)}` : "";
    const host = url.hostname
      .toLowerCase()
      .replace(/^www\./, "")
      .replace(/^m\./, "");
    const path = decodeURIComponent(url.pathname).replace(/\/+$/, "");
    return `${host}${path}${query}`;
  } catch {
    return null;
  }
}

function titleKey(title: string): string {
  return title.normalize("NFKC").toLocaleLowerCase("en").replace(/\s+/g, " ").trim();
}

function siteless(title: string): string {
  return titleKey(title).replace(/ [-–—|] [^-–—|]{1,40}$/, "");
}
