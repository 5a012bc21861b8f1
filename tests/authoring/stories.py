"""Tiny stories whose explorations are known by hand, and a generated large one."""

from __future__ import annotations

DIAMOND = """
story: {id: diamond, title: Diamond, start: top}
scenes:
  top:
    choices:
      - {id: left, text: Go left, next: left}
      - {id: right, text: Go right, next: right}
  left:
    choices: [{id: on, text: On, next: bottom}]
  right:
    choices: [{id: on, text: On, next: bottom}]
  bottom:
    choices: [{id: end, text: End, next: fin}]
endings:
  fin: {title: The end}
"""

# A counter loop: "wait" three times, then leave. visits and turn are not read, so the states
# after each wait differ only in n, and waiting at n = 3 (clamped) merges with itself: a loop.
COUNTER = """
story: {id: counter, title: Counter, start: room}
variables:
  n: {type: int, initial: 0, min: 0, max: 3}
  mood: calm
scenes:
  room:
    text: "You have waited {n} times; you feel {mood}."
    choices:
      - {id: wait, text: Wait, effects: [n += 1, mood = 'bored']}
      - {id: leave, text: Leave, enable_if: n >= 3, reason: Not yet., next: out}
endings:
  out: {title: Out}
"""

GATED = """
story: {id: gated, title: Gated, start: a}
variables:
  money: {type: int, initial: 10, min: 0}
scenes:
  a:
    choices:
      - {id: buy, text: Buy, enable_if: money >= 100, reason: Too poor., next: rich}
      - {id: spend, text: Spend, effects: [money -= 5], next: b}
      - {id: secret, text: Secret, if: money > 50, next: rich}
  b:
    choices: [{id: home, text: Home, next: poor}]
  rich: {text: Never seen.}
endings:
  poor: {title: Poor}
"""

RANDOM = """
story: {id: rnd, title: Random, start: a}
variables:
  roll: {type: int}
scenes:
  a:
    choices:
      - id: flip
        text: Flip a coin
        next:
          random:
            - {to: heads, weight: 1}
            - {to: tails, weight: 3}
      - id: roll
        text: Roll a die
        effects: ["roll = random(1, 6)"]
        next:
          - {if: roll == 6, to: six}
          - {to: tails}
endings:
  heads: {title: Heads}
  tails: {title: Tails}
  six: {title: Six}
"""

STUCK = """
story: {id: stuck, title: Stuck, start: a}
variables:
  key: false
scenes:
  a:
    choices:
      - {id: door, text: Door, next: hall}
      - {id: take, text: Take the key, effects: [key = true], next: hall}
  hall:
    choices:
      - {id: open, text: Open, enable_if: key, next: out}
endings:
  out: {title: Out}
"""

SCORED = """
story: {id: scored, title: Scored, start: a}
calendar: {start: 2015-01}
scoring:
  id: r
  title: R
  range: {min: 0, max: 100, start: 60}
  factors: {behaviour: Behaviour}
  rules:
    - {id: good, on: {behave: [good]}, factor: behaviour, change: 10}
    - {id: bad, on: {behave: [bad]}, factor: behaviour, change: -20}
scenes:
  a:
    choices:
      - {id: good, text: Be good, actions: [{behave: good}], next: b}
      - {id: bad, text: Be bad, actions: [{behave: bad}], next: b}
  b:
    choices:
      - {id: good, text: Be good, actions: [{behave: good}], next: end}
      - {id: bad, text: Be bad, actions: [{behave: bad}], next: end}
      - {id: vip, text: VIP door, requires: {score: 70}, next: vip}
endings:
  end: {title: End}
  vip: {title: VIP}
"""


def generated(scenes: int = 100) -> dict[str, str]:
    """A story folder (file name -> text) of ``scenes`` scenes in chapters of ten, each scene
    offering choices onward, with a money variable, a once-only choice, a gated choice and a random
    branch: the shape of a real story, for timing the tools."""
    files = {
        "00-story.yaml": "\n".join(
            [
                "story: {id: big, title: Big, start: s0}",
                "variables:",
                "  money: {type: int, initial: 100, min: 0, max: 1000}",
                "  kind: {type: int, initial: 0, min: 0, max: 5}",
                "endings:",
                "  end_a: {title: A}",
                "  end_b: {title: B}",
                "  end_c: {title: C}",
            ]
        )
        + "\n"
    }
    for c in range(0, scenes, 10):
        lines = [f"chapter: {{id: c{c // 10}, title: 'Chapter {c // 10}'}}", "scenes:"]
        for i in range(c, min(c + 10, scenes)):
            on, skip = (f"s{i + k}" if i + k < scenes else "end_a" for k in (1, 2))
            lines += [
                f"  s{i}:",
                f"    title: Scene {i}",
                "    text: You have {money}.",
                "    choices:",
                f"      - {{id: buy, text: Buy, enable_if: money >= 20, effects: [money -= 20], next: {on}}}",
                f"      - {{id: skip, text: Skip, next: {skip}}}",
                f"      - {{id: help, text: Help, once: true, effects: [kind += 1], next: s{i}}}",
            ]
            if i % 10 == 5:
                lines.append(
                    f"      - {{id: gamble, text: Gamble, next: {{random: [{{to: {on}}}, {{to: end_b}}]}}}}"
                )
            if i % 10 == 9:
                lines.append("      - {id: kind_end, text: Be kind, enable_if: kind >= 5, next: end_c}")
        files[f"{c // 10 + 1:02d}-chapter.yaml"] = "\n".join(lines) + "\n"
    return files


def write_folder(root, files: dict[str, str]):
    root.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    return root
