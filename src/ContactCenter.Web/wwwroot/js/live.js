// The live channel to the host: /hubs/desk over SignalR (client vendored in /lib/signalr, loaded by the page).

/**
 * Connects and calls handlers[method](payload) for the server's pushes (call, agentState, queuesChanged);
 * onStatus(true|false) says whether the channel is up. Reconnects by itself.
 */
export async function connectLive(handlers, onStatus = () => {}) {
  const connection = new signalR.HubConnectionBuilder()
    .withUrl('/hubs/desk')
    .withAutomaticReconnect([0, 1000, 2000, 5000, 10000, 10000, 30000])
    .configureLogging(signalR.LogLevel.Warning)
    .build();
  for (const [method, handler] of Object.entries(handlers)) connection.on(method, handler);
  const start = async () => {
    try {
      await connection.start();
      onStatus(true);
    } catch {
      onStatus(false);
      setTimeout(start, 5000);
    }
  };
  connection.onreconnecting(() => onStatus(false));
  connection.onreconnected(() => onStatus(true));
  connection.onclose(() => { onStatus(false); setTimeout(start, 5000); });
  await start();
  return connection;
}

/** Returns a status callback that turns a dot green while live updates arrive (data-live="on" for tests). */
export function liveIndicator(node) {
  return up => {
    node.classList.toggle('on', up);
    node.title = up ? 'live updates on' : 'live updates off (reconnecting)';
    node.dataset.live = up ? 'on' : 'off';
  };
}
