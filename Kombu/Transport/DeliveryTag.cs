using System.Globalization;

namespace Kombu.Transport;

/// <summary>The identifier a channel acknowledges a delivery by: AMQP's 64-bit number or a virtual transport's text tag.</summary>
/// <remarks>
/// Kombu's <c>delivery_tag</c>, which is an <c>int</c> on AMQP and a UUID4 string (or a store's own id, such as an SQS
/// receipt handle) on virtual transports. A numeric tag is held without allocating; <see langword="default"/> (and the
/// number 0, which AMQP never assigns) is no tag. Two fields, so a <see cref="Message"/> grows by no more than a reference.
/// </remarks>
public readonly struct DeliveryTag : IEquatable<DeliveryTag>
{
    private readonly ulong _number;
    private readonly string? _text;

    /// <summary>Creates a numeric tag, as AMQP brokers assign.</summary>
    /// <param name="number">The channel-scoped delivery number; 0 means no tag.</param>
    public DeliveryTag(ulong number) => _number = number;

    /// <summary>Creates a text tag, as virtual transports assign.</summary>
    /// <param name="text">The tag.</param>
    public DeliveryTag(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        _text = text;
    }

    /// <summary>Whether this is a numeric (AMQP) tag.</summary>
    public bool IsNumber => _text is null && _number != 0;

    /// <summary>Whether there is no tag (a message not received from a channel).</summary>
    public bool IsEmpty => _text is null && _number == 0;

    /// <summary>Reads the tag as a number: the AMQP tag itself, or a text tag that spells one.</summary>
    /// <param name="number">The number.</param>
    /// <returns><see langword="true"/> when the tag is or spells a number.</returns>
    public bool TryGetNumber(out ulong number)
    {
        if (IsNumber)
        {
            number = _number;
            return true;
        }
        return ulong.TryParse(_text, NumberStyles.None, CultureInfo.InvariantCulture, out number);
    }

    /// <summary>Creates a numeric tag.</summary>
    /// <param name="number">The delivery number.</param>
    public static implicit operator DeliveryTag(ulong number) => new(number);

    /// <summary>Creates a text tag.</summary>
    /// <param name="text">The tag.</param>
    public static implicit operator DeliveryTag(string text) => new(text);

    /// <summary>Whether two tags are equal.</summary>
    /// <param name="left">A tag.</param>
    /// <param name="right">Another tag.</param>
    /// <returns><see langword="true"/> when both hold the same number or the same text.</returns>
    public static bool operator ==(DeliveryTag left, DeliveryTag right) => left.Equals(right);

    /// <summary>Whether two tags differ.</summary>
    /// <param name="left">A tag.</param>
    /// <param name="right">Another tag.</param>
    /// <returns><see langword="true"/> when they hold different numbers or texts.</returns>
    public static bool operator !=(DeliveryTag left, DeliveryTag right) => !left.Equals(right);

    /// <inheritdoc/>
    public bool Equals(DeliveryTag other) =>
        _number == other._number && string.Equals(_text, other._text, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is DeliveryTag other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _text is null ? _number.GetHashCode() : StringComparer.Ordinal.GetHashCode(_text);

    /// <summary>The tag as text: the number in invariant digits, the text tag itself, or empty for no tag.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => _text ?? (_number == 0 ? "" : _number.ToString(CultureInfo.InvariantCulture));
}
