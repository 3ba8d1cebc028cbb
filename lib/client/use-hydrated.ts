import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/** False during server rendering and hydration, true once React runs in the browser. Forms
 * that submit through JavaScript keep their button disabled until then, so an early click can
 * never fall back to a native GET (which would put a password in the URL). */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
