"""Panels: how a feature adds to another feature's page without that page importing it.

A page (e.g. the round view owned by `rounds`) calls `panels_for("round_view", access,
**context)`; every feature that registered a provider for that page returns a `Panel`
with template variables (loaded in one go for the whole page, never per clause), links
for the page's toolbar, templates to include at the page's end, and per-clause templates:
each defines a macro `render(clause)` (on the diff page: `render(d)`, a clause's diff)
that the page calls per clause through `clause_panels(panel)`.

Pages and their context:
- "draft_view":   document, outline (list[SectionRow])       the team's working draft
- "round_view":   document, round, outline                   a circulated round
- "round_diff":   document, old, new, diffs                  a diff between two rounds
                  (the diff API also reads vars["answers_by_version"]: {version_id: [answer]})
- "document":     document                                   toolbar of every document page
- "clause_history": clause                                   a clause's version history
- "home":         process, membership                        a process's card on the home page
"""
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Callable


@dataclass
class Panel:
    vars: dict = field(default_factory=dict)
    links: list[tuple[str, str]] = field(default_factory=list)     # (label, url) for the toolbar
    # (label, url) for the toolbar that write (a release of a copy): buttons of a POST
    # form with the CSRF token, never links a page elsewhere could make a browser follow.
    actions: list[tuple[str, str]] = field(default_factory=list)
    clause_templates: list[str] = field(default_factory=list)      # each defines render(clause)
    page_templates: list[str] = field(default_factory=list)        # included after the text


_providers: dict[str, list[Callable]] = defaultdict(list)


def provides(page: str):
    def register(func: Callable):
        if func not in _providers[page]:
            _providers[page].append(func)
        return func
    return register


def panels_for(page: str, access, **context) -> Panel:
    merged = Panel()
    for provider in _providers[page]:
        panel = provider(access, **context)
        if panel is None:
            continue
        merged.vars.update(panel.vars)
        merged.links.extend(panel.links)
        merged.actions.extend(panel.actions)
        merged.clause_templates.extend(panel.clause_templates)
        merged.page_templates.extend(panel.page_templates)
    return merged
