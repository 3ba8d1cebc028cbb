// The shapes the reading surface receives from the server (the API's shapes, docs/api.md).
export interface AnnotationItem {
  id: string;
  author: { id: string; name: string };
  target: { quote: { exact: string; prefix: string; suffix: string } };
  anchor: {
    state: "exact" | "fuzzy" | "orphaned";
    score: number;
    start: number | null;
    end: number | null;
  };
  tags: string[];
  visibility: "workspace" | "private";
  status: "open" | "resolved";
  replyCount: number;
  createdAt: string;
  abilities: { update: boolean; delete: boolean; resolve: boolean; reply: boolean };
}

export interface TagItem {
  id: string;
  name: string;
  color: string;
  count: number;
}
