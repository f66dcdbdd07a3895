/** Where a request came from, as far as the server can tell: the second argument of the handler. */
export interface HandlerContext {
  /** The peer's IP address (`toNodeHandler` fills it in from the socket). */
  clientAddress?: string;
}
