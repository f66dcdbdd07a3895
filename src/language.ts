import { languageOf, type Language } from './messages/index.js';

/**
 * The UI language of an element: its own `lang`, else the nearest ancestor's, looking
 * through shadow roots to their hosts (an element inside another component's shadow DOM
 * follows that component's page), else English.
 */
export function languageFor(element: Element): Language {
  let node: Node | null = element;
  while (node) {
    // The property, not the attribute: a `lang` just set on the element is reflected only
    // after its next render, and that render must already speak the new language.
    const tag = (node as Partial<HTMLElement>).lang;
    if (tag) return languageOf(tag);
    node = node.parentNode ?? (node as Partial<ShadowRoot>).host ?? null;
  }
  return 'en';
}

const LANG_CHANGES: MutationObserverInit = { attributeFilter: ['lang'], subtree: true };

/**
 * Re-renders `element` whenever a `lang` attribute changes in its document or its shadow
 * root: a site's language menu may switch `<html lang>` without reloading the page. Call
 * it when the element connects, and disconnect what it returns when the element does.
 */
export function followLanguage(element: Element & { requestUpdate(): void }): MutationObserver {
  const observer = new MutationObserver(() => {
    element.requestUpdate();
  });
  for (const root of [document, element.getRootNode()]) observer.observe(root, LANG_CHANGES);
  return observer;
}
