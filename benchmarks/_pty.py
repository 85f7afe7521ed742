"""Run a program in a pseudo-terminal of a given size, keep its output drained."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import termios
import time


class PtyProcess:
    def __init__(self, argv: list[str], env: dict[str, str], size: tuple[int, int]) -> None:
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # child
            os.execvpe(argv[0], argv, env)
        cols, rows = size
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.output = b""
        self.received = 0  # bytes written to the terminal so far

    def pump(self, seconds: float, until: bytes | None = None) -> bool:
        """Read output for `seconds` (or until `until` appears); True if it appeared."""
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            ready, _, _ = select.select([self.fd], [], [], min(left, 0.05))
            if ready:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:
                    return False
                self.received += len(chunk)
                self.output = (self.output + chunk)[-200_000:]
                if until is not None and until in self.output:
                    return True
        return False

    def send(self, data: bytes) -> None:
        os.write(self.fd, data)

    def cpu_seconds(self) -> float:
        """User + system CPU time of the process so far, to the nanosecond where the kernel
        keeps scheduler statistics (the sum over its threads: Textual writes from a thread of
        its own), else in the kernel's clock ticks (10 ms here: too coarse for a 2 % load)."""
        try:
            total = 0
            for task in os.listdir(f"/proc/{self.pid}/task"):
                try:
                    with open(f"/proc/{self.pid}/task/{task}/schedstat") as handle:
                        total += int(handle.read().split()[0])
                except FileNotFoundError:  # a thread that just ended
                    continue
            return total / 1e9
        except (FileNotFoundError, ValueError, IndexError):
            return self.cpu_ticks()

    def cpu_ticks(self) -> float:
        """User + system CPU time of the process so far, counted in clock ticks."""
        with open(f"/proc/{self.pid}/stat") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        ticks = os.sysconf("SC_CLK_TCK")
        return (int(fields[11]) + int(fields[12])) / ticks

    def close(self) -> int:
        os.kill(self.pid, signal.SIGKILL)
        _, _, usage = os.wait4(self.pid, 0)
        os.close(self.fd)
        return usage.ru_maxrss
