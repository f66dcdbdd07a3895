/**
 * almara-pay-link/status/react: `<AlmaraPayStatus>` for React 18 (and 19), made with
 * @lit/react, apart from almara-pay-link/react so that a thank-you page does not load the form:
 *
 * ```tsx
 * <AlmaraPayStatus endpoint="/api/payment-status"
 *   onStatusChange={(event) => console.log(event.detail.status)} />
 * ```
 *
 * Importing it defines the tag in a browser; in Node (server rendering) it only exports.
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import { AlmaraPayStatus as AlmaraPayStatusElement } from '../almara-pay-status.js';
import './define.js';
import type { AlmaraPayStatusChangeEvent } from './status-event.js';
import type { AlmaraPayStatusProperties } from './status-properties.js';

/**
 * The element as its props see it: the properties a page may set, not `status`, `link` (which
 * have no setter: `<AlmaraPayStatus status="paid">` would throw) nor its methods. The runtime
 * class is the element's own: @lit/react reads its prototype to tell properties from attributes.
 */
const elementClass: new () => HTMLElement & AlmaraPayStatusProperties = AlmaraPayStatusElement;

export const AlmaraPayStatus = createComponent({
  react: React,
  tagName: 'almara-pay-status',
  elementClass,
  displayName: 'AlmaraPayStatus',
  events: {
    onStatusChange: 'almara-pay-status-change' as EventName<AlmaraPayStatusChangeEvent>,
  },
});

/** The props of {@link AlmaraPayStatus}: the element's properties, its event, React's own. */
export type AlmaraPayStatusProps = React.ComponentProps<typeof AlmaraPayStatus>;
