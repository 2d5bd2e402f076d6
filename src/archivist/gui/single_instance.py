"""One running app per library: a second launch hands its files to the first and exits.

Double-clicking an article in a file manager runs `archivist FILE` again. Two windows on one
library would each hold their own view of it, so the second launch connects to a local socket
(a Unix domain socket or a Windows named pipe) the first one listens on, sends the paths as one
JSON line, waits for "ok", and exits; the first imports them and comes to the front.

The socket's name is derived from the user and the library folder, so two users, or one user
with two libraries (`--library`), get separate instances, and only the owner may connect.

macOS does not pass files on the command line to a running app: it sends a QFileOpenEvent to
the application, which FileOpenEvents turns into the same kind of request.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import logging
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QObject, Signal, Slot
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

#: How long a second launch waits for the first to answer before starting a window of its own.
HANDOVER_TIMEOUT_MS = 3000
#: A request is one JSON line; anything longer than this is not from Archivist.
MAX_REQUEST_BYTES = 1_000_000


def server_name(library_dir: Path, user: str | None = None) -> str:
    """A short, stable socket name for this user and library (Unix socket paths are short)."""
    if user is None:
        try:
            user = getpass.getuser()
        except (KeyError, OSError):  # no login name (a container without a passwd entry)
            user = "user"
    key = f"{user}\0{library_dir.expanduser().resolve()}"
    return "archivist-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]


class SingleInstance(QObject):
    """Either hands a launch's paths to the running instance, or becomes that instance.

    Signals:
      paths_received(list) -- another launch asked to open these paths (absolute paths or
                              URLs; empty: it only asked to bring the window forward)
    """

    paths_received = Signal(list)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._server: QLocalServer | None = None
        self._buffers: dict[QLocalSocket, bytes] = {}

    def start(self, paths: list[str]) -> bool:
        """True if this process is the instance (and now listening); False if it handed over."""
        if self.hand_over(paths):
            return False
        if self._listen():
            return True
        if self.hand_over(paths):  # another launch started listening between our two steps
            return False
        # The name is taken but nobody answers: a socket file left by a run that crashed.
        QLocalServer.removeServer(self.name)
        if not self._listen():
            log.warning("cannot listen on %s; files opened later will start another window", self.name)
        return True

    def hand_over(self, paths: list[str], timeout_ms: int = HANDOVER_TIMEOUT_MS) -> bool:
        """Send `paths` to a running instance; True once it has acknowledged them."""
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(timeout_ms):
            return False
        try:
            socket.write(QByteArray(json.dumps({"paths": paths}).encode("utf-8") + b"\n"))
            if not socket.waitForBytesWritten(timeout_ms):
                return False
            while not socket.canReadLine():
                if not socket.waitForReadyRead(timeout_ms):
                    return False
            return bytes(socket.readLine().data()).strip() == b"ok"
        finally:
            socket.abort()

    def close(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None

    @property
    def listening(self) -> bool:
        return self._server is not None and self._server.isListening()

    # -- server side ----------------------------------------------------------------------------
    def _listen(self) -> bool:
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            log.info("local server %s: %s", self.name, server.errorString())
            server.deleteLater()
            return False
        server.newConnection.connect(self._on_server_new_connection)
        self._server = server
        return True

    @Slot()
    def _on_server_new_connection(self) -> None:
        assert self._server is not None
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            self._buffers[socket] = b""
            socket.readyRead.connect(self._on_socket_ready_read)
            socket.disconnected.connect(self._on_socket_disconnected)

    @Slot()
    def _on_socket_ready_read(self) -> None:
        socket = self.sender()
        if not isinstance(socket, QLocalSocket) or socket not in self._buffers:
            return
        data = self._buffers[socket] + bytes(socket.readAll().data())
        self._buffers[socket] = data
        if b"\n" not in data:
            if len(data) > MAX_REQUEST_BYTES:
                socket.abort()
            return
        line = data.split(b"\n", 1)[0]
        paths = _parse_request(line)
        socket.write(QByteArray(b"ok\n" if paths is not None else b"error\n"))
        socket.flush()
        socket.disconnectFromServer()
        if paths is not None:
            log.info("another launch asked to open %d item(s)", len(paths))
            self.paths_received.emit(paths)

    @Slot()
    def _on_socket_disconnected(self) -> None:
        socket = self.sender()
        if isinstance(socket, QLocalSocket):
            self._buffers.pop(socket, None)
            socket.deleteLater()


def _parse_request(line: bytes) -> list[str] | None:
    try:
        request = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    paths = request.get("paths") if isinstance(request, dict) else None
    if not isinstance(paths, list) or not all(isinstance(p, str) for p in paths):
        return None
    return paths


class FileOpenEvents(QObject):
    """Turns macOS's QFileOpenEvent (Finder's "Open With", a dropped Dock icon) into paths.

    Install on the QApplication with installEventFilter.

    Signals:
      paths_received(list) -- the file or URL the system asked the app to open
    """

    paths_received = Signal(list)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            target = event.file() or event.url().toString()
            if target:
                self.paths_received.emit([target])
            return True
        return super().eventFilter(watched, event)
