import { BareCheckout } from './bare-checkout';

export default function Bare() {
  return (
    <main>
      <h1>Kikoi wrap</h1>
      <BareCheckout />
    </main>
  );
}
