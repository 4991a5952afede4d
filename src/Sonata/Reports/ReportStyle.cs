namespace Sonata.Reports;

/// <summary>
/// The page's style sheet and its one small script, inlined so the page needs nothing else. The
/// layout is one column on a phone and two a piece on a laptop; wide tables scroll inside their
/// own box. The script only adds sorting to the table of all pieces: the page reads the same without it.
/// </summary>
internal static class ReportStyle
{
    /// <summary>Nothing from the network: images from the page's folder or inside it, sound from its folder, style and script inline.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; img-src 'self' data:; media-src 'self'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

    public const string Css = """
        :root { --ink: #1d1d1f; --muted: #5f6368; --line: #d9d9de; --card: #fafafb; --out: #a8201a; --out-bg: #fde8e6; --link: #1558b0; }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
        body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: var(--ink); background: #fff; }
        main { max-width: 76rem; margin: 0 auto; padding: 1rem; }
        a { color: var(--link); }
        h1 { font-size: 1.6rem; line-height: 1.25; margin: .5rem 0; }
        h2 { font-size: 1.3rem; margin: 2rem 0 .75rem; padding-bottom: .25rem; border-bottom: 1px solid var(--line); }
        h3 { font-size: 1.1rem; margin: 0 0 .75rem; overflow-wrap: anywhere; }
        p { margin: .5rem 0; }
        .note, figcaption, .muted { color: var(--muted); font-size: .9rem; }
        nav ul { list-style: none; padding: 0; margin: .5rem 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
        dl.facts { display: grid; grid-template-columns: minmax(6rem, max-content) minmax(0, 1fr); gap: .2rem 1rem; margin: .5rem 0; }
        dl.facts dt { font-weight: 600; }
        dl.facts dd { margin: 0; overflow-wrap: anywhere; }
        .plots { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 22rem), 1fr)); gap: 1rem; margin: 1rem 0; }
        figure { margin: 0; }
        img { display: block; max-width: 100%; height: auto; border: 1px solid var(--line); background: #fff; }
        .scroll { max-width: 100%; overflow-x: auto; -webkit-overflow-scrolling: touch; margin: .5rem 0; }
        table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
        th, td { padding: .3rem .6rem; border-bottom: 1px solid var(--line); text-align: left; white-space: nowrap; vertical-align: top; }
        thead th { border-bottom: 2px solid var(--line); }
        tfoot th, tfoot td { color: var(--muted); font-weight: normal; }
        .num { text-align: right; }
        td.outside { color: var(--out); background: var(--out-bg); font-weight: 600; }
        .mark { font-size: .8em; }
        .piece { border: 1px solid var(--line); border-radius: .5rem; padding: 1rem; margin: 1rem 0; background: var(--card); }
        .piece-body { display: grid; grid-template-columns: minmax(0, 1fr); gap: 1rem; }
        @media (min-width: 62rem) { .piece-body { grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); } .listen { grid-column: 1 / -1; } }
        table.figures th[scope="row"] { white-space: normal; min-width: 9rem; }
        table.sortable thead th { white-space: normal; min-width: 5.5rem; vertical-align: bottom; }
        h4 { margin: 0 0 .25rem; font-size: 1rem; }
        audio { width: 100%; margin: .25rem 0 .75rem; }
        .missing { color: var(--muted); font-style: italic; }
        th button { font: inherit; color: inherit; background: none; border: 0; padding: 0; cursor: pointer; text-align: inherit; }
        th[aria-sort="ascending"] button::after { content: " ↑"; }
        th[aria-sort="descending"] button::after { content: " ↓"; }
        .sort-hint { display: none; }
        .scripted .sort-hint { display: inline; }
        code { font-size: .9em; overflow-wrap: anywhere; }
        @media (max-width: 30rem) { main { padding: .6rem; } th, td { padding: .25rem .45rem; } .piece { padding: .6rem; } }
        """;

    /// <summary>Sorts the table of all pieces by the column whose heading is clicked: numbers by their exact data-value (none last), names in natural order.</summary>
    public const string Script = """
        document.documentElement.classList.add('scripted');
        for (const table of document.querySelectorAll('table.sortable')) {
          const heads = [...table.tHead.rows[0].cells];
          heads.forEach((th, column) => {
            const button = document.createElement('button');
            button.type = 'button';
            button.append(...th.childNodes);
            th.append(button);
            button.addEventListener('click', () => {
              const ascending = th.getAttribute('aria-sort') !== 'ascending';
              heads.forEach(other => other.removeAttribute('aria-sort'));
              th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
              const numeric = th.dataset.sort === 'number';
              const key = row => {
                const cell = row.cells[column];
                const text = cell.dataset.value ?? cell.dataset.sort ?? cell.textContent.trim();
                return numeric ? (text === '' ? NaN : Number(text)) : text;
              };
              const body = table.tBodies[0];
              const rows = [...body.rows];
              rows.sort((a, b) => {
                const x = key(a), y = key(b);
                if (numeric) {
                  if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) - Number.isNaN(y);
                  return ascending ? x - y : y - x;
                }
                const order = x.localeCompare(y, undefined, { numeric: true });
                return ascending ? order : -order;
              });
              body.append(...rows);
            });
          });
        }
        """;
}
