import { Checkout } from './checkout';

export default function Home() {
  return (
    <main>
      <h1>Kikoi wrap</h1>
      <Checkout />
    </main>
  );
}
