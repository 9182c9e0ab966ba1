"""A TCP relay between the servers under test and PostgreSQL, that can fail on command.

cut(): open connections are dropped and new ones are accepted but never answered, as when
the network to the database is lost. silence(): open connections stay open and new ones are
accepted, but nothing passes either way, as with a database server that has hung. restore():
everything passes again.
"""

import contextlib
import socket
import threading


class Relay:
    def __init__(self, port: int, upstream: tuple[str, int]):
        self.port, self.upstream = port, upstream
        self.listener = socket.create_server(("127.0.0.1", port))
        self.lock = threading.Lock()
        self.mode = "pass"
        self.sockets: set[socket.socket] = set()
        self.passing = threading.Event()
        self.passing.set()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            with self.lock:
                self.sockets.add(client)
                if self.mode != "pass":
                    continue  # held open, never answered
            try:
                server = socket.create_connection(self.upstream, timeout=5)
            except OSError:
                self._drop([client])
                continue
            server.settimeout(None)
            with self.lock:
                self.sockets.add(server)
            for source, target in ((client, server), (server, client)):
                threading.Thread(target=self._pipe, args=(source, target), daemon=True).start()

    def _pipe(self, source, target):
        try:
            while data := source.recv(65536):
                self.passing.wait()  # silent: the bytes wait here, unanswered
                if self.mode != "pass":
                    break
                target.sendall(data)
        except OSError:
            pass
        self._drop([source, target])

    def _drop(self, sockets):
        for sock in sockets:
            with self.lock:
                self.sockets.discard(sock)
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def cut(self):
        with self.lock:
            self.mode = "cut"
            doomed = list(self.sockets)
        self._drop(doomed)

    def silence(self):
        with self.lock:
            self.mode = "silent"
            self.passing.clear()

    def restore(self):
        with self.lock:
            self.mode = "pass"
            held = list(self.sockets)
        # Connections accepted or stalled meanwhile were never relayed: drop them, as a
        # recovered server would have lost them; the clients reconnect.
        self._drop(held)
        self.passing.set()

    def close(self):
        self.listener.close()
        self.cut()
        self.passing.set()
