// Where the webhook secret may be sent: the bearer token travels in a header,
// so only over https, or plain http to this machine (the local stack, tests,
// send-code). The Action and the setup scripts apply the same rule.

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

export const isLoopbackHost = (hostname: string): boolean => LOOPBACK_HOSTS.has(hostname);

export const maySendSecretTo = (url: URL): boolean =>
  url.protocol === "https:" || (url.protocol === "http:" && isLoopbackHost(url.hostname));
