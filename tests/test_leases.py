"""Leases: one holder at a time, and a dead holder's lease frees itself when it expires."""

from __future__ import annotations

from storage import leases


def test_a_held_lease_refuses_another_holder(empty_db) -> None:
    assert leases.acquire(empty_db, "feed:1", 60, holder="a")
    assert not leases.acquire(empty_db, "feed:1", 60, holder="b")
    assert leases.acquire(empty_db, "feed:2", 60, holder="b")  # another job is free


def test_an_expired_lease_can_be_taken(empty_db) -> None:
    assert leases.acquire(empty_db, "digest:1", -1, holder="dead")  # already expired: its holder died
    assert leases.acquire(empty_db, "digest:1", 60, holder="alive")


def test_released_lease_is_free_and_context_manager_says_whose(empty_db) -> None:
    with leases.leased(empty_db, "poll", 60) as mine:
        assert mine
        assert not leases.acquire(empty_db, "poll", 60, holder="other")
    assert leases.acquire(empty_db, "poll", 60, holder="other")


def test_a_lease_of_a_process_that_died_on_this_host_is_taken_at_once(empty_db) -> None:
    import socket
    import subprocess
    import sys

    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = f"{socket.gethostname()}:{gone.stdout.strip()}:cafe0000:1"
    assert leases.acquire(empty_db, "feed:9", 900, holder=dead)  # killed mid-poll: 15 minutes left on it
    assert leases.acquire(empty_db, "feed:9", 60)  # the rerun does not wait them out
    elsewhere = "another-host:1:cafe0000:1"
    assert leases.acquire(empty_db, "feed:10", 900, holder=elsewhere)
    assert not leases.acquire(empty_db, "feed:10", 60)  # another machine's process: only its expiry frees it
