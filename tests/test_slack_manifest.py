"""manifest.yml and the code agree: desk commands, shortcut callback_ids, events, button action_ids.

The manifest is the one file a desk admin pastes into Slack; a command or shortcut missing there
is a dead feature, and one missing in the code is a button that answers nothing.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from bot.desks import load_desks
from handlers.blocks import ACTION_IDS

ROOT = Path(__file__).resolve().parents[1]


def manifest_lists() -> dict[str, set[str]]:
    """commands, callback_ids and bot_events from manifest.yml (a plain YAML subset: no PyYAML needed)."""
    text = (ROOT / "manifest.yml").read_text(encoding="utf-8")
    found: dict[str, set[str]] = {"command": set(), "callback_id": set(), "event": set()}
    for key in ("command", "callback_id"):
        found[key] = set(re.findall(rf"^\s*-?\s*{key}:\s*\"?([^\s\"#]+)", text, flags=re.M))
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == "bot_events:")
    for line in lines[start + 1:]:
        item = re.match(r"^\s+-\s*(\S+)\s*$", line)
        if not item:
            break
        found["event"].add(item.group(1))
    return found


def listeners_in_code() -> dict[str, set[str]]:
    """Literal ids passed to app.command/shortcut/event/action/view in handlers/, names resolved."""
    constants: dict[str, str] = {}
    calls: list[tuple[str, ast.expr]] = []
    for path in sorted((ROOT / "handlers").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
                for target in node.targets:
                    if isinstance(target, ast.Name) and isinstance(node.value.value, str):
                        constants[target.id] = node.value.value
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "app" and node.args):
                calls.append((node.func.attr, node.args[0]))
    found: dict[str, set[str]] = {k: set() for k in ("command", "shortcut", "event", "action", "view")}
    for kind, arg in calls:
        if kind in found and isinstance(arg, ast.Constant):
            found[kind].add(arg.value)
        elif kind in found and isinstance(arg, ast.Name):
            found[kind].add(constants[arg.id])
    return found


def test_every_desk_command_is_in_the_manifest_and_back():
    assert {d.command for d in load_desks().values()} == manifest_lists()["command"]


def test_shortcuts_and_events_match():
    code, manifest = listeners_in_code(), manifest_lists()
    assert code["shortcut"] == manifest["callback_id"]
    assert code["event"] == manifest["event"]


def test_every_button_has_a_listener_and_back():
    assert set(ACTION_IDS) == listeners_in_code()["action"]
