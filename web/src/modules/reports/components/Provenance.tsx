// A value with where it comes from: the provenance appears on hover and on keyboard focus
// (Escape hides it again), and is the value's accessible description.

import type { ComponentChildren } from 'preact';
import { useId, useState } from 'preact/hooks';

export function Provenance({ provenance, children }: { provenance: string; children: ComponentChildren }) {
  const id = `provenance-${useId()}`;
  const [hidden, setHidden] = useState(false);
  if (!provenance) return <>{children}</>;
  return (
    <span class={`provenance${hidden ? ' provenance--hidden' : ''}`} onMouseLeave={() => setHidden(false)}>
      <span
        class="provenance__value"
        tabIndex={0}
        aria-describedby={id}
        data-provenance={provenance}
        onKeyDown={(e) => e.key === 'Escape' && setHidden(true)}
        onBlur={() => setHidden(false)}
      >
        {children}
      </span>
      {/* Provenance is written by the server in English. */}
      <span class="provenance__tip" role="tooltip" id={id} lang="en" dir="ltr">
        {provenance}
      </span>
    </span>
  );
}
