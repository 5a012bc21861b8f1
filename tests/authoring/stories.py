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


def chain(n: int) -> str:
    """A chain of ``n`` scenes, each a binary choice: up (score +1) or down (score -1).

    Each choice also writes itself into ``code`` (the path as a binary number), which the last scene
    reads, so every one of the 2**n paths is a state of its own and exact exploration needs 2**n states
    at the last scene. The score starts at 500 and ends between 500 - n (every choice down) and 500 + n
    (every choice up); the top door needs 500 + n, which only the all-up path reaches: ``top`` has
    exactly one score, ``rest`` the whole range.
    """
    lines = [
        "story: {id: chain, title: Chain, start: c0}",
        "calendar: {start: 2015-01}",
        "variables:",
        "  code: {type: int, initial: 0, min: 0}",
        "scoring:",
        "  id: r",
        "  title: R",
        "  range: {min: 0, max: 1000, start: 500}",
        "  factors: {behaviour: Behaviour}",
        "  rules:",
        "    - {id: up, on: {behave: [up]}, factor: behaviour, change: 1}",
        "    - {id: down, on: {behave: [down]}, factor: behaviour, change: -1}",
        "scenes:",
    ]
    for i in range(n):
        on = f"c{i + 1}" if i + 1 < n else "gate"
        lines += [
            f"  c{i}:",
            "    choices:",
            "      - {id: up, text: Up, actions: [{behave: up}],",
            f"         effects: [code = code * 2 + 1], next: {on}}}",
            "      - {id: down, text: Down, actions: [{behave: down}],",
            f"         effects: [code = code * 2], next: {on}}}",
        ]
    lines += [
        "  gate:",
        "    text: Your path was {code}.",
        "    choices:",
        f"      - {{id: top, text: The top door, requires: {{score: {500 + n}}}, next: top}}",
        "      - {id: leave, text: Leave, if: code >= 0, next: rest}",
        "endings:",
        "  top: {title: Top}",
        "  rest: {title: Rest}",
    ]
    return "\n".join(lines) + "\n"


# A room with four once-only readings that change nothing (only text reads them) before leaving:
# merged by extremes, a reading is taken but its state is not explored further.
READING = """
story: {id: reading, title: Reading, start: desk}
variables:
  coins: {type: int, initial: 5, min: 0}
scenes:
  desk:
    text: "You have {coins} coins."
    choices:
      - {id: a, text: Read A, once: true}
      - {id: b, text: Read B, once: true}
      - {id: c, text: Read C, once: true}
      - {id: d, text: Read D, once: true}
      - {id: spend, text: Spend, enable_if: coins >= 5, effects: [coins -= 5], next: shop}
      - {id: leave, text: Leave, next: out}
  shop:
    choices: [{id: out, text: Out, next: out}]
endings:
  out: {title: Out}
"""


def many_choices(n: int) -> str:
    """One scene offering ``n`` choices, each counting itself into ``k`` (read by the way out)."""
    lines = [
        "story: {id: wide, title: Wide, start: hall}",
        "variables:",
        "  k: {type: int, initial: 0, min: 0}",
        "scenes:",
        "  hall:",
        "    choices:",
        "      - {id: out, text: Out, enable_if: k > 3, next: fin}",
    ]
    lines += [f"      - {{id: c{i}, text: C{i}, effects: [k = k + {i}]}}" for i in range(n)]
    lines += ["endings:", "  fin: {title: Fin}"]
    return "\n".join(lines) + "\n"


# A self-loop with an unbounded counter that a condition reads: every wait is a new state, forever.
ENDLESS = """
story: {id: endless, title: Endless, start: room}
variables:
  n: {type: int, initial: 0, min: 0}
scenes:
  room:
    choices:
      - {id: wait, text: Wait, effects: [n += 1]}
      - {id: leave, text: Leave, enable_if: n >= 5, next: out}
endings:
  out: {title: Out}
"""

# Dropping a low-scoring contact costs 10 points now but spares a year of their pull: at b the
# dropped state's score (590) lies between the others' (630 and 560), yet it ends highest (590
# against about 390 for the others, pulled down towards Uncle's 300 for twelve months).
DROPPED = """
story: {id: dropped, title: Dropped, start: a}
calendar: {start: 2015-01}
scoring:
  id: r
  title: R
  range: {min: 0, max: 1000, start: 600}
  factors: {behaviour: Behaviour, relationships: Relationships}
  pull: {percent: 10}
  rules:
    - {id: good, on: {behave: [good]}, factor: behaviour, change: 30}
    - {id: bad, on: {behave: [bad]}, factor: behaviour, change: -40}
    - {id: cut, on: {drop: [uncle]}, factor: relationships, change: -10}
contacts:
  uncle: {name: Uncle, score: 300, closeness: 5, friend: true}
scenes:
  a:
    choices:
      - {id: good, text: Be good, actions: [{behave: good}], next: b}
      - {id: bad, text: Be bad, actions: [{behave: bad}], next: b}
      - {id: drop, text: Drop Uncle, actions: [{drop: uncle}], next: b}
  b:
    choices:
      - {id: on, text: On, next: c}
  c:
    date: 2016-01
    choices:
      - {id: on, text: On, next: end}
endings:
  end: {title: End}
"""
