using System.Globalization;
using System.Net;
using System.Text;

namespace Kombu.Bench;

/// <summary>Plots the cost growth curves to one SVG: a panel per curve, cost per message relative to its first point, log scales.</summary>
public static class CurvePlot
{
    private const int PanelWidth = 420;
    private const int PanelHeight = 300;
    private const int Margin = 50;
    private static readonly string[] s_colors = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#17becf", "#7f7f7f"];

    /// <summary>Writes the plot.</summary>
    /// <param name="curves">The curves, one panel each.</param>
    /// <param name="path">The SVG file to write (its folder is created).</param>
    public static void Write(IReadOnlyList<Curve> curves, string path)
    {
        var svg = new StringBuilder();
        var width = curves.Count * (PanelWidth + Margin) + Margin;
        var height = PanelHeight + 3 * Margin + 16 * curves.Max(c => c.Series.Count);
        svg.AppendLine(CultureInfo.InvariantCulture,
            $"""<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="11">""");
        svg.AppendLine(CultureInfo.InvariantCulture, $"""<rect width="{width}" height="{height}" fill="white"/>""");
        for (var i = 0; i < curves.Count; i++)
            Panel(svg, curves[i], Margin + i * (PanelWidth + Margin), Margin);
        svg.AppendLine("</svg>");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, svg.ToString());
    }

    private static void Panel(StringBuilder svg, Curve curve, int left, int top)
    {
        var costs = curve.Series.SelectMany(s => s.Rates.Select((_, i) => Curve.RelativeCost(s, i))).OfType<double>().ToList();
        var high = Math.Max(10, Math.Pow(10, Math.Ceiling(Math.Log10(costs.Count == 0 ? 10 : costs.Max()))));
        var low = Math.Min(0.1, Math.Pow(10, Math.Floor(Math.Log10(costs.Count == 0 ? 0.1 : costs.Min()))));
        double X(int index) => left + (curve.Points.Length == 1 ? 0 : index * (double)PanelWidth / (curve.Points.Length - 1));
        double Y(double cost) => top + PanelHeight * (Math.Log10(high) - Math.Log10(cost)) / (Math.Log10(high) - Math.Log10(low));
        svg.AppendLine(Invariant($"""<text x="{left}" y="{top - 20}" font-weight="bold">cost per message vs {Escape(curve.Axis)}</text>"""));
        svg.AppendLine(Invariant($"""<rect x="{left}" y="{top}" width="{PanelWidth}" height="{PanelHeight}" fill="none" stroke="#999"/>"""));
        for (var decade = low; decade <= high * 1.001; decade *= 10)
        {
            svg.AppendLine(Invariant($"""<line x1="{left}" x2="{left + PanelWidth}" y1="{Y(decade):0.0}" y2="{Y(decade):0.0}" stroke="#eee"/>"""));
            svg.AppendLine(Invariant($"""<text x="{left - 6}" y="{Y(decade) + 4:0.0}" text-anchor="end">{decade:0.##}×</text>"""));
        }
        // The linear reference: cost growing as the axis does.
        var linear = curve.Points.Select((p, i) => (X(i), Y(Math.Clamp((double)p / curve.Points[0], low, high))));
        svg.AppendLine($"""<polyline fill="none" stroke="#bbb" stroke-dasharray="4 3" points="{Points(linear)}"/>""");
        for (var i = 0; i < curve.Points.Length; i++)
            svg.AppendLine(Invariant($"""<text x="{X(i):0.0}" y="{top + PanelHeight + 16}" text-anchor="middle">{Escape(curve.PointLabels[i])}</text>"""));
        for (var s = 0; s < curve.Series.Count; s++)
        {
            var series = curve.Series[s];
            var color = s_colors[s % s_colors.Length];
            var points = series.Rates.Select((_, i) => (i, Curve.RelativeCost(series, i)))
                .Where(p => p.Item2 is not null)
                .Select(p => (X(p.i), Y(Math.Clamp(p.Item2!.Value, low, high))));
            svg.AppendLine($"""<polyline fill="none" stroke="{color}" stroke-width="2" points="{Points(points)}"/>""");
            var legendY = top + PanelHeight + 36 + 16 * s;
            svg.AppendLine(Invariant($"""<line x1="{left}" x2="{left + 20}" y1="{legendY - 4}" y2="{legendY - 4}" stroke="{color}" stroke-width="2"/>"""));
            svg.AppendLine(Invariant($"""<text x="{left + 26}" y="{legendY}">{Escape(series.Label)}</text>"""));
        }
        svg.AppendLine(Invariant($"""<text x="{left + PanelWidth}" y="{top + PanelHeight + 36}" text-anchor="end" fill="#888">dashed: linear</text>"""));
    }

    private static string Points(IEnumerable<(double X, double Y)> points) =>
        string.Join(' ', points.Select(p => Invariant($"{p.X:0.0},{p.Y:0.0}")));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}
