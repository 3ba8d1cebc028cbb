import "server-only";

export interface NotificationView {
  id: string;
  kind: "mention" | "reply";
  read: boolean;
  createdAt: string;
  actor: { id: string; name: string } | null;
  annotation: { id: string; documentId: string; documentTitle: string; quote: string };
  reply: { id: string; excerpt: string } | null;
  /** Where the passage is: the reader, focused on the annotation. */
  url: string;
}

/** The reader, opened on one annotation (the reading surface focuses it from the hash). */
export function notificationUrl(documentId: string, annotationId: string): string {
  return `/documents/${documentId}#annotation-${annotationId}`;
}
