import { Component, CUSTOM_ELEMENTS_SCHEMA, signal } from '@angular/core';
// Defines <almara-pay-link> in the browser; on the server it defines nothing.
import 'almara-pay-link/define';
import type { AlmaraPayLinkSubmitEvent } from 'almara-pay-link';

@Component({
  selector: 'app-root',
  // <almara-pay-link> is a custom element: Angular sets [amount] as a property and listens to its events.
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <main>
      <h1>Kikoi wrap</h1>
      <almara-pay-link
        endpoint="/api/payment-link"
        [amount]="price()"
        currency="KES"
        description="Kikoi wrap"
        (almara-pay-link-submit)="onSubmit($event)"
      ></almara-pay-link>
      <p role="status">{{ note() }}</p>
    </main>
  `,
})
export class App {
  protected readonly price = signal(1500);
  protected readonly note = signal('');

  protected onSubmit(event: AlmaraPayLinkSubmitEvent) {
    this.note.set(`Creating a payment link for ${event.detail.request.firstName}…`);
  }
}
