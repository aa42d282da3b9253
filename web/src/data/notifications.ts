// Browser notifications for new codes: the page's only use of the Notification API.

function permission(): "unsupported" | NotificationPermission {
  return typeof Notification === "undefined" ? "unsupported" : Notification.permission;
}

/** Asks for permission (must run in a click handler); true when granted. */
export async function requestNotifications(): Promise<boolean> {
  if (typeof Notification === "undefined") return false;
  if (Notification.permission === "granted") return true;
  return (await Notification.requestPermission()) === "granted";
}

export function showNotification(title: string, body: string, tag: string): void {
  if (permission() !== "granted") return;
  try {
    const notification = new Notification(title, { body, tag, silent: true });
    notification.onclick = () => {
      window.focus();
      notification.close();
    };
  } catch {
    // Some browsers only allow notifications from a service worker: nothing to do.
  }
}
