using System.Globalization;
using System.Text;

namespace Kombu.Bench;

/// <summary>
/// How the cost of a message grows along one axis (queues, body size, consumers): each series' rate at each point, the
/// cost per message relative to the first point, and the growth exponent that says whether it grows linearly or worse.
/// </summary>
/// <param name="Title">What was measured, printed above the table.</param>
/// <param name="Axis">The axis name, e.g. <c>queues</c>.</param>
/// <param name="Points">The axis values, ascending.</param>
/// <param name="PointLabels">How each point is printed, e.g. <c>10 KB</c>.</param>
/// <param name="Series">The lines.</param>
public sealed record Curve(string Title, string Axis, int[] Points, string[] PointLabels, IReadOnlyList<CurveSeries> Series)
{
    /// <summary>The cost per message at point <paramref name="index"/> relative to the first point.</summary>
    /// <param name="series">The line.</param>
    /// <param name="index">The point.</param>
    /// <returns>The ratio, or <see langword="null"/> where a rate is missing.</returns>
    public static double? RelativeCost(CurveSeries series, int index) =>
        series.Rates[0] is { } first && series.Rates[index] is { } at && at > 0 ? first / at : null;

    /// <summary>
    /// The growth exponent k of cost ∝ axis^k between the first and the last point: 0 flat, 1 linear, above 1 worse.
    /// </summary>
    /// <param name="series">The line.</param>
    /// <returns>The exponent, or <see langword="null"/> where a rate is missing.</returns>
    public double? Exponent(CurveSeries series) => RelativeCost(series, Points.Length - 1) is { } factor
        ? Math.Log(Math.Max(factor, 1e-9)) / Math.Log((double)Points[^1] / Points[0])
        : null;

    /// <summary>Renders the curve as a markdown table with a growth verdict per line.</summary>
    /// <returns>Markdown text.</returns>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"{Title} (msg/s; in brackets the cost per message relative to {PointLabels[0]}; k: cost ∝ {Axis}^k from first to last point):").AppendLine();
        text.AppendLine("| client | " + string.Join(" | ", PointLabels) + " | growth |");
        text.AppendLine("| --- |" + string.Concat(Points.Select(_ => " ---: |")) + " --- |");
        foreach (var series in Series)
        {
            var cells = series.Rates.Select((rate, i) => rate is { } r
                ? string.Create(CultureInfo.InvariantCulture, $"{r:N0}/s ({RelativeCost(series, i):0.00}×)")
                : "–");
            text.AppendLine($"| {series.Label} | {string.Join(" | ", cells)} | {Verdict(series)} |");
        }
        return text.ToString();
    }

    private string Verdict(CurveSeries series)
    {
        if (Exponent(series) is not { } k)
            return "–";
        var words = k switch
        {
            < 0.1 => "flat",
            < 0.9 => "sublinear",
            <= 1.1 => "linear",
            _ => "worse than linear",
        };
        return string.Create(CultureInfo.InvariantCulture, $"{words} (k = {k:0.00}, {RelativeCost(series, Points.Length - 1):0.0}× at {PointLabels[^1]})");
    }
}
