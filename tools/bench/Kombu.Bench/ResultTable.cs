using System.Globalization;
using System.Text;

namespace Kombu.Bench;

/// <summary>The harness results as a markdown table: one row per measure, raw driver, ours, Python Kombu and the ratios.</summary>
public sealed class ResultTable
{
    private readonly List<(string Broker, string Measure, double? Raw, double? Ours, double? Python, MeasureUnit Unit)> _rows = [];

    /// <summary>Adds a row of rates (messages per second), latencies (milliseconds) or sizes (bytes).</summary>
    /// <param name="broker">The broker name.</param>
    /// <param name="measure">What was measured.</param>
    /// <param name="raw">The raw driver's value, if measured.</param>
    /// <param name="ours">Our value.</param>
    /// <param name="python">Python Kombu's value, if measured.</param>
    /// <param name="unit">What the values are; only rates get ratios.</param>
    public void Add(string broker, string measure, double? raw, double? ours, double? python, MeasureUnit unit = MeasureUnit.Rate) =>
        _rows.Add((broker, measure, raw, ours, python, unit));

    /// <summary>Renders the table.</summary>
    /// <param name="header">A line printed above the table.</param>
    /// <returns>Markdown text.</returns>
    public string ToMarkdown(string header)
    {
        var text = new StringBuilder();
        text.AppendLine(header).AppendLine();
        text.AppendLine("| broker | measure | raw driver | ours | Python Kombu | ours/raw | ours/Python |");
        text.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (broker, measure, raw, ours, python, unit) in _rows)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {broker} | {measure} | {Value(raw, unit)} | {Value(ours, unit)} | ");
            text.Append(CultureInfo.InvariantCulture, $"{Value(python, unit)} | {Ratio(ours, raw, unit)} | {Ratio(ours, python, unit)} |");
            text.AppendLine();
        }
        return text.ToString();
    }

    private static string Value(double? value, MeasureUnit unit) => value switch
    {
        null => "–",
        { } v when unit == MeasureUnit.Milliseconds => v.ToString("0.000", CultureInfo.InvariantCulture) + " ms",
        { } v when unit == MeasureUnit.Bytes => v.ToString("N0", CultureInfo.InvariantCulture) + " B",
        { } v => v.ToString("N0", CultureInfo.InvariantCulture) + "/s",
    };

    private static string Ratio(double? ours, double? other, MeasureUnit unit) =>
        unit != MeasureUnit.Rate || ours is null || other is not > 0 ? "–" : (ours.Value / other.Value).ToString("0.00", CultureInfo.InvariantCulture) + "×";
}
