using System.Globalization;

namespace Kombu.Cli;

/// <summary>A one-line progress bar redrawn in place on stderr; silent when disabled.</summary>
public sealed class ProgressBar : IDisposable
{
    private const int Width = 30;
    private readonly TextWriter _output;
    private readonly string _label;
    private readonly int? _total;
    private readonly bool _enabled;
    private long _lastDraw = long.MinValue;
    private int _done;
    private int _drawn = -1;

    /// <summary>Creates a progress bar.</summary>
    /// <param name="output">Where to draw (stderr).</param>
    /// <param name="label">What is counted.</param>
    /// <param name="total">Steps expected, or <see langword="null"/> when unknown.</param>
    /// <param name="enabled">Whether to draw at all.</param>
    public ProgressBar(TextWriter output, string label, int? total, bool enabled)
    {
        _output = output;
        _label = label;
        _total = total;
        _enabled = enabled;
    }

    /// <summary>Steps completed so far.</summary>
    public int Done => _done;

    /// <summary>Records one completed step and redraws at most ten times a second.</summary>
    public void Step()
    {
        _done++;
        if (!_enabled)
            return;
        var now = Environment.TickCount64;
        if (now - _lastDraw < 100 && _done != _total)
            return;
        _lastDraw = now;
        Draw();
    }

    /// <summary>Ends the line the bar was drawn on.</summary>
    public void Dispose()
    {
        if (!_enabled || _lastDraw == long.MinValue)
            return;
        if (_drawn != _done)
            Draw();
        _output.WriteLine();
    }

    private void Draw()
    {
        _drawn = _done;
        var count = _done.ToString(CultureInfo.InvariantCulture);
        if (_total is not { } total)
        {
            _output.Write($"\r{_label}: {count}");
            return;
        }
        var filled = total == 0 ? Width : (int)((long)Width * Math.Min(_done, total) / total);
        var percent = total == 0 ? 100 : (int)(100L * Math.Min(_done, total) / total);
        _output.Write($"\r{_label} [{new string('#', filled)}{new string('.', Width - filled)}] {count}/{total} {percent,3}%");
    }
}
