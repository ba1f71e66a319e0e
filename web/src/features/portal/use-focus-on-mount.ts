import { useEffect, useRef } from 'react';

/**
 * Moves the focus to the element (a status message) when it appears, so screen readers announce the
 * result and keyboard users continue from there (the control that triggered it may be gone).
 */
export const useFocusOnMount = <T extends HTMLElement>(active = true) => {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (active) ref.current?.focus();
  }, [active]);
  return ref;
};

let firstPageShown = false;

/**
 * Focuses a page's h1 after a navigation inside the portal (as a screen reader expects on a page
 * change), but not on the page the browser loaded: there the first Tab reaches the skip link.
 */
export const usePageHeadingFocus = <T extends HTMLElement>(ready = true) => {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (!ready) return;
    if (!firstPageShown) {
      firstPageShown = true;
      return;
    }
    ref.current?.focus();
  }, [ready]);
  return ref;
};
