/**
 * almara-pay-link/react: `<AlmaraPayLink>` for React 18 (and 19), made with @lit/react.
 * Properties are set as properties (so `headers`, `strings` and a numeric `amount` arrive
 * as they are), and the three events are props with typed details:
 *
 * ```tsx
 * <AlmaraPayLink endpoint="/api/payment-link" amount={1500} description="Order 1042"
 *   onSuccess={(event) => console.log(event.detail.url)} />
 * ```
 *
 * Importing it defines the tag in a browser; in Node (server rendering) it only exports.
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import { AlmaraPayLink as AlmaraPayLinkElement } from './almara-pay-link.js';
import './define.js';
import type { AlmaraPayLinkErrorEvent, AlmaraPayLinkSubmitEvent, AlmaraPayLinkSuccessEvent } from './events.js';

export const AlmaraPayLink = createComponent({
  react: React,
  tagName: 'almara-pay-link',
  elementClass: AlmaraPayLinkElement,
  displayName: 'AlmaraPayLink',
  events: {
    onSubmit: 'almara-pay-link-submit' as EventName<AlmaraPayLinkSubmitEvent>,
    onSuccess: 'almara-pay-link-success' as EventName<AlmaraPayLinkSuccessEvent>,
    onError: 'almara-pay-link-error' as EventName<AlmaraPayLinkErrorEvent>,
  },
});

/** The props of {@link AlmaraPayLink}: the element's properties, its three events, React's own. */
export type AlmaraPayLinkProps = React.ComponentProps<typeof AlmaraPayLink>;
