/** Where a request came from, as far as the server can tell: the second argument of the handler. */
export interface HandlerContext {
  /**
   * The client's IP address. `toNodeHandler` fills it in from the socket, or with
   * `trustProxy` from the first address of `X-Forwarded-For` (the socket is the proxy's).
   */
  clientAddress?: string;
}
