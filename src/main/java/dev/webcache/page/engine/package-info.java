/**
 * The page-cache engine, shared by the filters and {@code @CachePage} in every mode; public only so that they can
 * reach it, not API. One flow, {@link dev.webcache.page.engine.PageEngine}: snapshot the request
 * ({@code RequestFacts}), look it up, let {@code ServePolicy} decide (serve fresh, serve stale while another request
 * renders, wait for that render, render or revalidate, 504), render through the chain into a
 * {@code CapturingResponse} (which holds the body and reports what happened, deciding nothing), snapshot the response
 * ({@code ResponseFacts}), let {@code StorePolicy} decide (store for how long, or the one {@code Refusal}), store,
 * count. Both decisions are pure functions of the snapshots, the time and the settings (the mode is one of them), and
 * import nothing of {@code jakarta.servlet}: they are tested as tables without a container. Around them, the
 * plumbing: coalescing ({@code RenderCoalescer}), asynchronous capture ({@code AsyncCapture}), revalidation requests,
 * shared mode's unsafe-method invalidation, sending a stored page ({@code PageResponder}) and the counters.
 */
package dev.webcache.page.engine;
