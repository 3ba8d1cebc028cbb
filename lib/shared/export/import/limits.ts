/** The largest file an import takes (the server refuses more with 413; the dialog says so
 * before sending). */
export const IMPORT_MAX_BYTES = 25 * 1024 * 1024;
