/**
 * almara-pay-link/jsx: types for the bare `<almara-pay-link>` and `<almara-pay-status>` tags in
 * React 19 JSX, which sets properties and listens to custom events itself
 * (`onalmara-pay-link-success`, `onalmara-pay-status-change`). Import it once, for its types:
 *
 * ```ts
 * import type {} from 'almara-pay-link/jsx';
 * ```
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { AlmaraPayLink } from './almara-pay-link.js';
import type { AlmaraPayLinkProperties } from './element-properties.js';
import type { AlmaraPayLinkErrorEvent, AlmaraPayLinkSubmitEvent, AlmaraPayLinkSuccessEvent } from './events.js';
import type { AlmaraPayStatus } from './almara-pay-status.js';
import type { AlmaraPayStatusChangeEvent } from './status/status-event.js';
import type { AlmaraPayStatusProperties } from './status/status-properties.js';

/** What JSX may set on the tag: its properties (React 19 sets them as properties) and its events. */
export type AlmaraPayLinkJsxProps = DetailedHTMLProps<HTMLAttributes<AlmaraPayLink>, AlmaraPayLink> &
  AlmaraPayLinkProperties & {
    'onalmara-pay-link-submit'?: (event: AlmaraPayLinkSubmitEvent) => void;
    'onalmara-pay-link-success'?: (event: AlmaraPayLinkSuccessEvent) => void;
    'onalmara-pay-link-error'?: (event: AlmaraPayLinkErrorEvent) => void;
  };

/** What JSX may set on `<almara-pay-status>`: its properties and its one event. */
export type AlmaraPayStatusJsxProps = DetailedHTMLProps<HTMLAttributes<AlmaraPayStatus>, AlmaraPayStatus> &
  AlmaraPayStatusProperties & {
    'onalmara-pay-status-change'?: (event: AlmaraPayStatusChangeEvent) => void;
  };

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- React's JSX types live in this namespace
  namespace JSX {
    interface IntrinsicElements {
      'almara-pay-link': AlmaraPayLinkJsxProps;
      'almara-pay-status': AlmaraPayStatusJsxProps;
    }
  }
}
