"""The convergence chart as inline SVG: pure, data in, markup out; no script, no CDN.

Two panels, each with its own axis, so that shares and counts are never read on one
scale: the share of clauses each party agreed (0-100 %), and bars for clauses changed
and open brackets (counts, with round tick values). The legend is HTML below each panel,
so long party names wrap instead of overlapping. Size depends on the number of rounds
only, never on the number of clauses."""
from markupsafe import Markup, escape
from flask_babel import gettext

WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 720, 220, 56, 16, 12, 28
COLOURS = ("#1f5fa8", "#b5472c", "#2e7d32", "#7b1fa2", "#c28f00", "#00838f")
BARS = (("changed", "#757575", "clauses changed"), ("brackets", "#e0a030", "open brackets"))


def _x(i: int, n: int) -> float:
    return LEFT + (WIDTH - LEFT - RIGHT) * (i + 0.5) / max(n, 1)


def _y(fraction: float) -> float:
    return HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * fraction


def _nice_ticks(peak: int) -> list[int]:
    """0 and at most four round steps (1, 2 or 5 x 10^k) reaching at least `peak`."""
    step, scale = 1, 1
    while step * 4 < peak:
        for factor in (1, 2, 5, 10):
            step = factor * scale
            if step * 4 >= peak:
                break
        scale *= 10
    return [step * k for k in range(-(-max(peak, 1) // step) + 1)]


def _frame(label: str, ticks: list[tuple[float, str]], rounds: list[dict]) -> list[str]:
    n = len(rounds)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
             f'class="convergence" aria-label="{escape(label)}">']
    for fraction, text in ticks:
        y = _y(fraction)
        parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>'
                     f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11">{text}</text>')
    for i, r in enumerate(rounds):
        parts.append(f'<text x="{_x(i, n):.1f}" y="{HEIGHT - 8}" text-anchor="middle" font-size="11">'
                     f'{escape(r["label"])}</text>')
    return parts


def _legend(items: list[tuple[str, str]]) -> str:
    return ('<ul class="chart-legend">' + "".join(
        f'<li><span class="swatch" style="background:{colour}"></span>{escape(text)}</li>'
        for colour, text in items) + "</ul>")


def _shares(rounds: list[dict], parties: list[dict]) -> str:
    n = len(rounds)
    parts = _frame("Share of clauses agreed by each party, per round",
                   [(t, f"{int(t * 100)} %") for t in (0, 0.25, 0.5, 0.75, 1)], rounds)
    for k, party in enumerate(parties):
        colour = COLOURS[k % len(COLOURS)]
        points = " ".join(f'{_x(i, n):.1f},{_y(r["agreed_share"].get(party["slug"], 0)):.1f}'
                          for i, r in enumerate(rounds))
        parts.append(f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for i, r in enumerate(rounds):
            share = r["agreed_share"].get(party["slug"], 0)
            parts.append(f'<circle cx="{_x(i, n):.1f}" cy="{_y(share):.1f}" r="3.5" fill="{colour}">'
                         f'<title>{escape(party["name"])}, {escape(r["label"])}: {share * 100:.1f} % agreed'
                         f'</title></circle>')
    parts.append("</svg>")
    legend = _legend([(COLOURS[k % len(COLOURS)], gettext("%(party)s: %% of clauses agreed", party=p["name"]))
                      for k, p in enumerate(parties)])
    return "".join(parts) + legend


def _counts(rounds: list[dict]) -> str:
    n = len(rounds)
    ticks = _nice_ticks(max([r[key] for r in rounds for key, _, _ in BARS] + [1]))
    top = ticks[-1] or 1
    parts = _frame("Clauses changed and open brackets, per round",
                   [(t / top, str(t)) for t in ticks], rounds)
    bar = (WIDTH - LEFT - RIGHT) / max(n, 1) / 4
    for i, r in enumerate(rounds):
        x = _x(i, n)
        for offset, (key, colour, what) in zip((-bar / 2 - 1, bar / 2 + 1), BARS):
            h = (HEIGHT - TOP - BOTTOM) * r[key] / top
            parts.append(f'<rect x="{x + offset - bar / 2:.1f}" y="{_y(r[key] / top):.1f}" width="{bar:.1f}" '
                         f'height="{h:.1f}" fill="{colour}"><title>{escape(r["label"])}: {r[key]} {what}'
                         f'</title></rect>')
    parts.append("</svg>")
    return "".join(parts) + _legend([(colour, what.capitalize() + " (count)") for _, colour, what in BARS])


def convergence_svg(data: dict) -> Markup:
    rounds = data["rounds"]
    shares, counts = gettext("Agreement (share of clauses)"), gettext("Changes and open brackets (counts)")
    return Markup(f'<figure class="chart"><figcaption>{escape(shares)}</figcaption>'
                  f'{_shares(rounds, data["parties"])}</figure>'
                  f'<figure class="chart"><figcaption>{escape(counts)}</figcaption>'
                  f'{_counts(rounds)}</figure>')
