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

export const AlmaraPayStatus = createComponent({
  react: React,
  tagName: 'almara-pay-status',
  elementClass: AlmaraPayStatusElement,
  displayName: 'AlmaraPayStatus',
  events: {
    onStatusChange: 'almara-pay-status-change' as EventName<AlmaraPayStatusChangeEvent>,
  },
});

/** The props of {@link AlmaraPayStatus}: the element's properties, its event, React's own. */
export type AlmaraPayStatusProps = React.ComponentProps<typeof AlmaraPayStatus>;
