"""Who a change is stamped with: ``$USER``, else ``$LOGNAME``, else the account name."""

from __future__ import annotations

import os
import pwd

from kata_tui.store.session import login_name


def test_user_then_logname_then_the_account(monkeypatch) -> None:
    monkeypatch.setenv("USER", "ana")
    monkeypatch.setenv("LOGNAME", "other")
    assert login_name() == "ana"
    monkeypatch.setenv("USER", "")  # empty counts as unset
    assert login_name() == "other"
    monkeypatch.delenv("USER")
    monkeypatch.delenv("LOGNAME")
    assert login_name() == pwd.getpwuid(os.getuid()).pw_name


def test_an_account_without_a_name_is_its_uid(monkeypatch) -> None:
    monkeypatch.delenv("USER", raising=False)
    monkeypatch.delenv("LOGNAME", raising=False)
    monkeypatch.setattr(os, "getuid", lambda: 4242424)  # no such account
    assert login_name() == "uid4242424"
