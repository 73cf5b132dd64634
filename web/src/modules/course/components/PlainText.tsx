// Question and answer texts, always shown as plain text: text stored as HTML is reduced to its
// words by an inert parser (DOMParser runs no script and loads nothing) and never put into the
// page as markup.

import type { RichText } from '../types';

function textOfHtml(html: string): string {
  if (!/[<&]/.test(html)) return html;
  const marked = html.replace(/<br\s*\/?>/gi, '\n').replace(/<\/(p|div|li|h[1-6])>/gi, '\n');
  const doc = new DOMParser().parseFromString(marked, 'text/html');
  return (doc.body.textContent ?? '').replace(/\n{3,}/g, '\n\n').trim();
}

export function plainText(text: RichText | string): string {
  if (typeof text === 'string') return text;
  return text.format === 'html' || text.format === 'moodle' ? textOfHtml(text.text) : text.text;
}

export function PlainText({ text, class: className }: { text: RichText | string; class?: string }) {
  return <span class={`plain-text${className ? ` ${className}` : ''}`}>{plainText(text)}</span>;
}
