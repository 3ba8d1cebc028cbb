// Anchoring annotations to a revision's canonical text: describe a selection, find it again.
export {
  CONTEXT_LENGTH,
  describeRange,
  type Target,
  type TextPositionSelector,
  type TextQuoteSelector,
} from "./selectors";
export { search, searchIn, editDistance, type Match } from "./match";
export {
  anchor,
  reanchorAll,
  FUZZY_THRESHOLD,
  MAX_ERRORS,
  type Anchor,
  type AnchorState,
} from "./anchor";
export { WEIGHTS } from "./score";
