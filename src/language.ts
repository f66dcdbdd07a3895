import { languageOf, type Language } from './messages/index.js';

/**
 * The UI language of an element: its own `lang`, else the nearest ancestor's, looking
 * through shadow roots to their hosts (an element inside another component's shadow DOM
 * follows that component's page), else English.
 */
export function languageFor(element: Element): Language {
  let node: Node | null = element;
  while (node) {
    if (node instanceof Element && node.hasAttribute('lang')) return languageOf(node.getAttribute('lang'));
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return 'en';
}
