"""The convergence chart as inline SVG: pure, data in, markup out; no script, no CDN.

One line per party (share of clauses agreed, left axis 0-100 %) and bars for clauses
changed and open brackets (right axis, scaled to their maximum). Its size depends on
the number of rounds only, never on the number of clauses."""
from markupsafe import Markup, escape

WIDTH, HEIGHT, PAD = 720, 300, 48
COLOURS = ("#1f5fa8", "#b5472c", "#2e7d32", "#7b1fa2", "#c28f00", "#00838f")


def _x(i: int, n: int) -> float:
    return PAD + (WIDTH - 2 * PAD) * (i + 0.5) / max(n, 1)


def _y(share: float) -> float:
    return HEIGHT - PAD - (HEIGHT - 2 * PAD) * share


def convergence_svg(data: dict) -> Markup:
    rounds, parties = data["rounds"], data["parties"]
    n = len(rounds)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
             f'class="convergence" aria-label="Convergence across rounds">']
    for tick in (0, 0.25, 0.5, 0.75, 1):
        y = _y(tick)
        parts.append(f'<line x1="{PAD}" x2="{WIDTH - PAD}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>'
                     f'<text x="{PAD - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11">{int(tick * 100)} %</text>')
    peak = max([r["changed"] for r in rounds] + [r["brackets"] for r in rounds] + [1])
    bar = (WIDTH - 2 * PAD) / max(n, 1) / 5
    for i, r in enumerate(rounds):
        x = _x(i, n)
        for offset, value, colour, what in ((-bar, r["changed"], "#9e9e9e", "clauses changed"),
                                            (0, r["brackets"], "#e0a030", "open brackets")):
            h = (HEIGHT - 2 * PAD) * value / peak
            parts.append(f'<rect x="{x + offset - bar / 2:.1f}" y="{HEIGHT - PAD - h:.1f}" width="{bar:.1f}" '
                         f'height="{h:.1f}" fill="{colour}" opacity="0.6"><title>{escape(r["label"])}: {value} '
                         f'{what}</title></rect>')
        parts.append(f'<text x="{x:.1f}" y="{HEIGHT - PAD + 16}" text-anchor="middle" font-size="11">'
                     f'{escape(r["label"])}</text>')
    for k, party in enumerate(parties):
        colour = COLOURS[k % len(COLOURS)]
        points = " ".join(f'{_x(i, n):.1f},{_y(r["agreed_share"].get(party["slug"], 0)):.1f}'
                          for i, r in enumerate(rounds))
        parts.append(f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for i, r in enumerate(rounds):
            share = r["agreed_share"].get(party["slug"], 0)
            parts.append(f'<circle cx="{_x(i, n):.1f}" cy="{_y(share):.1f}" r="3.5" fill="{colour}">'
                         f'<title>{escape(party["name"])}, {escape(r["label"])}: {share * 100:.1f} % agreed</title></circle>')
        parts.append(f'<text x="{PAD + 8 + 200 * k}" y="16" font-size="12" fill="{colour}">'
                     f'— {escape(party["name"])} (% agreed)</text>')
    parts.append(f'<text x="{WIDTH - PAD}" y="32" text-anchor="end" font-size="11" fill="#666">bars: clauses changed '
                 f'(grey), open brackets (amber); max {peak}</text></svg>')
    return Markup("".join(parts))
