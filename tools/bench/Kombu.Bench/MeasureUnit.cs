namespace Kombu.Bench;

/// <summary>What the values of a result row are.</summary>
public enum MeasureUnit
{
    /// <summary>Messages per second (higher is better; ratios are printed).</summary>
    Rate,

    /// <summary>Milliseconds (lower is better).</summary>
    Milliseconds,

    /// <summary>Bytes allocated per message (lower is better).</summary>
    Bytes,
}
