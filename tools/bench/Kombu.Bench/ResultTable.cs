using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Kombu.Bench;

/// <summary>The harness results as a markdown table: one row per measure, raw driver, ours, Python Kombu and the ratios.</summary>
public sealed class ResultTable
{
    private readonly List<(string Broker, string Measure, double? Raw, double? Ours, double? Python, MeasureUnit Unit)> _rows = [];
    private readonly List<string> _notes = [];
    private readonly Dictionary<string, double> _spread = new(StringComparer.Ordinal);
    private Dictionary<string, double>? _tiered;

    /// <summary>Adds a row of rates (messages per second), latencies (milliseconds) or sizes (bytes).</summary>
    /// <param name="broker">The broker name.</param>
    /// <param name="measure">What was measured.</param>
    /// <param name="raw">The raw driver's value, if measured.</param>
    /// <param name="ours">Our value.</param>
    /// <param name="python">Python Kombu's value, if measured.</param>
    /// <param name="unit">What the values are; only rates get ratios.</param>
    public void Add(string broker, string measure, double? raw, double? ours, double? python, MeasureUnit unit = MeasureUnit.Rate) =>
        _rows.Add((broker, measure, raw, ours, python, unit));

    /// <summary>Records how far our rounds of a row spread: half the range, as a fraction of the median.</summary>
    /// <param name="broker">The broker name.</param>
    /// <param name="measure">The row's measure.</param>
    /// <param name="rounds">Our value in each round.</param>
    public void Spread(string broker, string measure, IEnumerable<double> rounds)
    {
        var values = rounds.ToList();
        if (values.Count > 1)
            _spread[broker + "|" + measure] = (values.Max() - values.Min()) / 2 / Rates.Median(values);
    }

    /// <summary>Adds a line printed under the table.</summary>
    /// <param name="note">The line.</param>
    public void Note(string note) => _notes.Add(note);

    /// <summary>Adds the column of our values measured with default tiered compilation.</summary>
    /// <param name="tiered">Our value per <c>broker|measure</c>, as <see cref="ToJson"/> gives them.</param>
    public void AddTiered(Dictionary<string, double> tiered) => _tiered = tiered;

    /// <summary>Our values as JSON, keyed <c>broker|measure</c>, for the parent of a tiered run.</summary>
    /// <returns>One line of JSON.</returns>
    public string ToJson() => JsonSerializer.Serialize(_rows.Where(r => r.Ours is not null)
        .ToDictionary(r => r.Broker + "|" + r.Measure, r => r.Ours!.Value));

    /// <summary>Renders the table.</summary>
    /// <param name="header">A line printed above the table.</param>
    /// <returns>Markdown text.</returns>
    public string ToMarkdown(string header)
    {
        var text = new StringBuilder();
        text.AppendLine(header).AppendLine();
        var tieredColumn = _tiered is null ? "" : " ours, tiered JIT |";
        text.AppendLine($"| broker | measure | raw driver | ours | ours spread |{tieredColumn} Python Kombu | ours/raw | ours/Python |");
        text.AppendLine(_tiered is null ? "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |" : "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (broker, measure, raw, ours, python, unit) in _rows)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {broker} | {measure} | {Value(raw, unit)} | {Value(ours, unit)} | ");
            text.Append(_spread.TryGetValue(broker + "|" + measure, out var spread)
                ? string.Create(CultureInfo.InvariantCulture, $"±{spread:0%} | ")
                : "– | ");
            if (_tiered is not null)
                text.Append(CultureInfo.InvariantCulture, $"{Value(_tiered.TryGetValue(broker + "|" + measure, out var t) ? t : null, unit)} | ");
            text.Append(CultureInfo.InvariantCulture, $"{Value(python, unit)} | {Ratio(ours, raw, unit)} | {Ratio(ours, python, unit)} |");
            text.AppendLine();
        }
        if (_notes.Count > 0)
            text.AppendLine();
        foreach (var note in _notes)
            text.AppendLine("- " + note);
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
