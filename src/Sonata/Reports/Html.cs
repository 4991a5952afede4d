using System.Globalization;
using System.Net;
using System.Text;
using Sonata.Evaluation;

namespace Sonata.Reports;

/// <summary>The few pieces of HTML the report's writers share: escaping, exact numbers, links to files beside the page.</summary>
internal static class Html
{
    /// <summary>Text (or an attribute's value) with &lt; &gt; &amp; and quotes escaped.</summary>
    public static string Text(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>A number exactly, as JavaScript and JSON read it back to the same double; "" for none.</summary>
    public static string Exact(double? value) => value is double v ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    /// <summary>A file as a link relative to <paramref name="pageFolder"/> (each part of its path escaped), so the page and its files move together.</summary>
    public static string Link(string pageFolder, string file)
    {
        string relative = Path.GetRelativePath(pageFolder, file);
        if (Path.IsPathRooted(relative)) return new Uri(Path.GetFullPath(file)).AbsoluteUri;
        return string.Join('/', relative.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Select(Uri.EscapeDataString));
    }

    /// <summary>A PNG inside the page, as a data: URI.</summary>
    public static string PngData(byte[] png) => "data:image/png;base64," + Convert.ToBase64String(png);

    /// <summary>A PNG's width and height from its header; null when the bytes are no PNG.</summary>
    public static (int Width, int Height)? PngSize(ReadOnlySpan<byte> png)
    {
        ReadOnlySpan<byte> signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
        if (png.Length < 24 || !png[..8].SequenceEqual(signature)) return null;
        int width = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png[16..]);
        int height = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png[20..]);
        return width > 0 && height > 0 ? (width, height) : null;
    }

    /// <summary>A percentage with two decimals ("47.31%").</summary>
    public static string Percent(double share) => share.ToString("0.00%", CultureInfo.InvariantCulture);

    /// <summary>"41.2 s", "12 min 04 s", "1 h 02 min".</summary>
    public static string Duration(double seconds) => seconds switch
    {
        < 60 => seconds.ToString("0.0", CultureInfo.InvariantCulture) + " s",
        < 3600 => string.Create(CultureInfo.InvariantCulture, $"{(int)(seconds / 60)} min {(int)(seconds % 60):00} s"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{(int)(seconds / 3600)} h {(int)(seconds % 3600 / 60):00} min"),
    };

    /// <summary>A figure's cell: its value (– when none), and, outside the corpus's range, marked ▲ above or ▼ below in words as well as colour.</summary>
    public static void FigureCell(StringBuilder html, FigureVerdict verdict)
    {
        html.Append("<td class=\"num").Append(verdict.Outside ? " outside" : "").Append("\" data-figure=\"").Append(verdict.Figure)
            .Append("\" data-value=\"").Append(Html.Exact(verdict.Value)).Append("\" data-outside=\"").Append(verdict.Outside ? "true" : "false").Append("\">");
        if (verdict.Value is not double value)
        {
            html.Append('–');
        }
        else
        {
            html.Append(Html.Text(FigureLabels.Format(verdict.Figure, value)));
            if (verdict.Outside) html.Append(value > verdict.Range!.P90 ? " <span class=\"mark\">▲ above</span>" : " <span class=\"mark\">▼ below</span>");
        }
        html.Append("</td>");
    }
}
