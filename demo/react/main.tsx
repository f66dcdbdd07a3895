// The React demo: the element through almara-pay-link/react (@lit/react), in StrictMode.
// The amount comes from React state, and a successful link is shown here instead of
// navigating: the success event is cancelled and its detail kept in state.
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
// In an app: import { AlmaraPayLink } from 'almara-pay-link/react';
import { AlmaraPayLink } from '../../src/react.js';
import type { AlmaraPayLinkSuccessDetail } from '../../src/events.js';

const PRICE_PER_TREE = 100;

function TreeFund() {
  const [trees, setTrees] = useState(5);
  const [link, setLink] = useState<AlmaraPayLinkSuccessDetail | null>(null);
  const [problem, setProblem] = useState('');
  const amount = trees * PRICE_PER_TREE;

  return (
    <article className="card" aria-labelledby="fund-title">
      <div className="swatch swatch-trees" aria-hidden="true" />
      <div className="card-body">
        <h1 id="fund-title">Plant trees with us</h1>
        <p className="muted">Every KES 100 plants a seedling with the Green Belt tree fund on the Shimba Hills.</p>
        <div className="stepper" role="group" aria-label="Trees">
          <button
            type="button"
            onClick={() => {
              setTrees((n) => Math.max(1, n - 1));
            }}
            aria-label="One tree fewer"
          >
            −
          </button>
          <output aria-live="polite">
            {trees} {trees === 1 ? 'tree' : 'trees'}
          </output>
          <button
            type="button"
            onClick={() => {
              setTrees((n) => Math.min(1000, n + 1));
            }}
            aria-label="One tree more"
          >
            +
          </button>
        </div>
        <AlmaraPayLink
          endpoint="/api/payment-link"
          amount={amount}
          description={`Donation: Green Belt tree fund (${trees} ${trees === 1 ? 'tree' : 'trees'})`}
          accountReference="tree-fund"
          onSubmit={() => {
            setLink(null);
            setProblem('');
          }}
          onSuccess={(event) => {
            // Stay here: the app decides what happens next.
            event.preventDefault();
            setLink(event.detail);
          }}
          onError={(event) => {
            setProblem(event.detail.message);
          }}
        />
        {/* Live regions stay mounted and only their text changes: one inserted with its
            text is often not announced. */}
        <div className={link ? 'notice success' : undefined} role="status">
          {link && (
            <>
              <strong>Your payment link is ready.</strong> Link <code>{link.id}</code> for KES {link.request.amount}:
              use “Continue to payment” above when you are ready.
            </>
          )}
        </div>
        <p className={problem ? 'notice' : undefined} role="alert">
          {problem}
        </p>
      </div>
    </article>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <TreeFund />
  </StrictMode>,
);
