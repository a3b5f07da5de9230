"""A TCP proxy that can stop forwarding without closing: an outage the way networks have them.

A refused connection fails at once; a partitioned network, a full disk or a server
stuck in a long operation accepts the connection and then never answers. ``pause()``
makes this proxy do exactly that: connections stay open, new ones are accepted, and
not a byte goes either way until ``resume()``. Used by the fault tests and by the
fault scenario of ``make bench-load``.
"""

import contextlib
import socket
import threading


class StallingProxy:
    def __init__(self, upstream_port, upstream_host="127.0.0.1"):
        self.upstream = (upstream_host, upstream_port)
        self._flowing = threading.Event()
        self._flowing.set()
        self._stopped = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.2)
        self.port = self._listener.getsockname()[1]
        self._sockets = []
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._accept, name=f"proxy-{self.port}", daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self.stop()

    def pause(self):
        self._flowing.clear()

    def resume(self):
        self._flowing.set()

    @property
    def paused(self):
        return not self._flowing.is_set()

    def stop(self):
        self._stopped.set()
        self._flowing.set()
        self._listener.close()
        with self._lock:
            for sock in self._sockets:
                with contextlib.suppress(OSError):
                    sock.close()

    def _wait_flowing(self):
        while not self._flowing.wait(0.1):
            if self._stopped.is_set():
                return False
        return not self._stopped.is_set()

    def _accept(self):
        while not self._stopped.is_set():
            try:
                client, _ = self._listener.accept()
            except (TimeoutError, OSError):
                continue
            threading.Thread(target=self._connect, args=(client,), daemon=True).start()

    def _connect(self, client):
        with self._lock:
            self._sockets.append(client)
        # A connection accepted while paused is held, like one to a host that stopped answering.
        if not self._wait_flowing():
            return
        try:
            upstream = socket.create_connection(self.upstream, timeout=5)
        except OSError:
            client.close()
            return
        with self._lock:
            self._sockets.append(upstream)
        for source, target in ((client, upstream), (upstream, client)):
            threading.Thread(target=self._pump, args=(source, target), daemon=True).start()

    def _pump(self, source, target):
        source.settimeout(None)
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                if not self._wait_flowing():
                    break
                target.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, target):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)


def main():
    """Run one proxy in a process of its own (the load test's gevent must not share it): prints its port.

    SIGUSR1 pauses forwarding, SIGUSR2 resumes it, SIGTERM stops.
    """
    import argparse
    import signal

    parser = argparse.ArgumentParser(description="A TCP proxy that can stop forwarding without closing.")
    parser.add_argument("upstream", help="host:port to forward to")
    args = parser.parse_args()
    host, port = args.upstream.rsplit(":", 1)
    stopped = threading.Event()
    with StallingProxy(int(port), host) as proxy:
        signal.signal(signal.SIGUSR1, lambda *_: proxy.pause())
        signal.signal(signal.SIGUSR2, lambda *_: proxy.resume())
        signal.signal(signal.SIGTERM, lambda *_: stopped.set())
        print(proxy.port, flush=True)
        while not stopped.wait(0.5):
            pass


if __name__ == "__main__":
    main()
