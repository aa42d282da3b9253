// What a resource's routes give the server: the method and path each answers,
// and a handler from the parsed request to a status and body. A handler
// refuses by throwing an ApiError.

export interface RouteRequest {
  /** The path's captured segments, decoded. */
  params: string[];
  body: Record<string, unknown>;
  url: URL;
  granted: ReadonlySet<string>;
}

export type Answer = [status: number, body: unknown];

export interface Route {
  method: string;
  path: RegExp;
  handle(request: RouteRequest): Answer | Promise<Answer>;
}
