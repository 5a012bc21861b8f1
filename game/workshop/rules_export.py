"""``socialscore rules [NAME] [-o FILE]``: a shipped rules file, to copy and change in the rules lab.

On an installed kit the story folder is inside the package, so ``cp story/pearl/rules.yaml`` is not
possible; this prints (or writes) the shipped rules, or a rules-lab file by name, byte for byte.
"""

from __future__ import annotations

import sys

from ..launch import UsageError
from ..launch.tools import RulesOptions
from ..paths import story_dir


def rules_names(scenario: str | None = None) -> dict[str, str]:
    """Name -> path of every shipped rules file: ``shipped`` (the story's own) and the lab files."""
    folder = story_dir(scenario) if scenario else story_dir()
    out = {"shipped": str(folder / "rules.yaml")}
    lab = folder / "rules-lab"
    if lab.is_dir():
        for path in sorted(lab.glob("*.rules.yaml")):
            out[path.name.removesuffix(".rules.yaml")] = str(path)
    return out


def run_rules(options: RulesOptions) -> int:
    """Exit 0 with the file written (or printed); 2 for an unknown name or a refused target."""
    from ..engine.files import write_text

    names = rules_names()
    path = names.get(options.name)
    if path is None:
        raise UsageError(f"socialscore rules: no rules file {options.name!r}; use one of {', '.join(names)}")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if not options.output:
        sys.stdout.write(text)
        return 0
    try:
        write_text(options.output, text)
    except OSError as exc:
        raise UsageError(f"socialscore rules: cannot write {options.output}: {exc.strerror or exc}") from None
    where = options.output
    print(f"Wrote the {options.name} rules to {where}; try: socialscore simulate --compare {where}")
    return 0
