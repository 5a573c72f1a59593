namespace Kombu;

/// <summary>AMQP delivery modes and their Kombu aliases.</summary>
public static class DeliveryMode
{
    /// <summary>Messages may be kept in memory only and are lost on a broker restart.</summary>
    public const int Transient = 1;

    /// <summary>Messages are written to disk and survive a broker restart.</summary>
    public const int Persistent = 2;

    /// <summary>Converts a delivery mode or its alias (<c>transient</c>, <c>persistent</c>) to its number.</summary>
    /// <param name="mode">1, 2, <c>"transient"</c> or <c>"persistent"</c>.</param>
    /// <returns>The numeric delivery mode.</returns>
    /// <exception cref="ArgumentException">The value is not a known mode or alias.</exception>
    public static int Parse(object mode) => mode switch
    {
        int i when i is Transient or Persistent => i,
        long l when l is Transient or Persistent => (int)l,
        string s when s.Equals("transient", StringComparison.OrdinalIgnoreCase) || s == "1" => Transient,
        string s when s.Equals("persistent", StringComparison.OrdinalIgnoreCase) || s == "2" => Persistent,
        _ => throw new ArgumentException($"Unknown delivery mode {mode}: use 1/\"transient\" or 2/\"persistent\".", nameof(mode)),
    };
}
