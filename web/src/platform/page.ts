// Helpers every page uses.

import { useEffect } from 'preact/hooks';

export const PRODUCT_NAME = 'BSG Platform';

// Sets document.title to "<title> · BSG Platform" while the page is shown.
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · ${PRODUCT_NAME}` : PRODUCT_NAME;
  }, [title]);
}
