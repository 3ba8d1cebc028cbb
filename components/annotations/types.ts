// The shapes the reading surface works with: annotations as the reader page ships them
// (lib/shared/annotations/reader-payload.ts; the API's replies fit them too) and the tags of
// the workspace's vocabulary.
export type { AnnotationItem } from "@/lib/shared/annotations/reader-payload";

export interface TagItem {
  id: string;
  name: string;
  color: string;
  count: number;
  description?: string | null;
}
